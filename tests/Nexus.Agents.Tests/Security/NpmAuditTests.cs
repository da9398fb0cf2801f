using System.Text.Json.Nodes;
using Nexus.Agents.Sandboxing;
using Nexus.Agents.Security;
using Nexus.Agents.Tests.Workspaces;
using Nexus.Agents.Workspaces;
using Shouldly;
using Xunit;

namespace Nexus.Agents.Tests.Security;

/// <summary>The real <c>npm audit</c> against a fake npm registry on 127.0.0.1 (named by the project's <c>.npmrc</c>), on a
/// hand-written project locked at <c>lodash 4.17.15</c>: a high advisory, a clean answer, a registry without the audit
/// endpoint (405), no lockfile, a transitive dependency, no npm.</summary>
public sealed class NpmAuditTests : IAsyncLifetime
{
    private const string PackageJson = """
        {
          "name": "fixture",
          "version": "1.0.0",
          "dependencies": {
            "lodash": "^4.17.15"
          },
          "scripts": {
            "test": "node --test"
          }
        }

        """;

    private const string PackageLock = """
        {
          "name": "fixture",
          "version": "1.0.0",
          "lockfileVersion": 3,
          "requires": true,
          "packages": {
            "": {
              "name": "fixture",
              "version": "1.0.0",
              "dependencies": {
                "lodash": "^4.17.15"
              }
            },
            "node_modules/lodash": {
              "version": "4.17.15",
              "resolved": "https://registry.npmjs.org/lodash/-/lodash-4.17.15.tgz",
              "license": "MIT"
            }
          }
        }

        """;

    private const string TransitivePackageJson = """
        {
          "name": "fixture",
          "version": "1.0.0",
          "dependencies": {
            "wrapper": "^1.0.0"
          }
        }

        """;

    private const string TransitivePackageLock = """
        {
          "name": "fixture",
          "version": "1.0.0",
          "lockfileVersion": 3,
          "requires": true,
          "packages": {
            "": {
              "name": "fixture",
              "version": "1.0.0",
              "dependencies": {
                "wrapper": "^1.0.0"
              }
            },
            "node_modules/lodash": {
              "version": "4.17.15",
              "resolved": "https://registry.npmjs.org/lodash/-/lodash-4.17.15.tgz",
              "license": "MIT"
            },
            "node_modules/wrapper": {
              "version": "1.0.0",
              "resolved": "https://registry.npmjs.org/wrapper/-/wrapper-1.0.0.tgz",
              "license": "MIT",
              "dependencies": {
                "lodash": "4.17.15"
              }
            }
          }
        }

        """;

    private readonly TemporaryFolder _folder = new();
    private FakeNpmRegistry _registry = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Workspace => _folder.Combine("workspace");

    public async ValueTask InitializeAsync()
    {
        _registry = await FakeNpmRegistry.StartAsync(Ct);
        _registry.Publish("lodash", ["4.17.15", "4.17.21"]);
        Directory.CreateDirectory(Workspace);
        Directory.CreateDirectory(_folder.Combine("home"));
    }

    public async ValueTask DisposeAsync()
    {
        await _registry.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task AuditAsync_HighAdvisory_IsOneHighFindingWithFileLineTitleAndUrl()
    {
        WriteProject(PackageJson, PackageLock);
        _registry.BulkAnswer = Advisories(("lodash", FakeNpmRegistry.Advisory(1523, "Prototype Pollution in lodash", "high", "<4.17.19")));

        var result = (await new NpmAudit().AuditAsync(Workspace, Sandbox(confined: true), Ct)).ShouldNotBeNull();

        var request = _registry.BulkRequests.ShouldHaveSingleItem();
        request.Gzipped.ShouldBeTrue();
        request.Json.ShouldBe("""{"lodash":["4.17.15"]}""");
        var finding = result.Findings.ShouldHaveSingleItem();
        (finding.Severity, finding.File, finding.Line, finding.Rule).ShouldBe((SecuritySeverity.High, "package.json", (int?)5, "dependency"));
        finding.Message.ShouldBe(
            "lodash is vulnerable: Prototype Pollution in lodash (https://github.com/advisories/GHSA-test-1523), vulnerable <4.17.19; fix available: npm audit fix (npm audit)");
        result.Summary.ShouldBe("npm audit: 1 vulnerable package(s) among 1 dependencies (1 high)");
    }

    [Fact]
    public async Task AuditAsync_CleanAnswer_HasNoFinding()
    {
        WriteProject(PackageJson, PackageLock);

        var result = (await new NpmAudit().AuditAsync(Workspace, Sandbox(confined: false), Ct)).ShouldNotBeNull();

        _registry.BulkRequests.ShouldHaveSingleItem();
        result.Findings.ShouldBeEmpty();
        result.Summary.ShouldBe("npm audit: no known vulnerabilities among 1 dependencies");
    }

    [Fact]
    public async Task AuditAsync_TransitiveDependency_PointsAtTheLockEntryAndTheDirectDependencyThatPullsItIn()
    {
        WriteProject(TransitivePackageJson, TransitivePackageLock);
        _registry.Publish("wrapper", ["1.0.0"], new JsonObject { ["lodash"] = "4.17.15" }); // pinned: only a new wrapper fixes it
        _registry.BulkAnswer = Advisories(("lodash", FakeNpmRegistry.Advisory(7, "Regular Expression Denial of Service in lodash", "moderate", "<4.17.21")));

        var result = (await new NpmAudit().AuditAsync(Workspace, Sandbox(confined: false), Ct)).ShouldNotBeNull();

        _registry.BulkRequests.ShouldHaveSingleItem().Json.ShouldBe("""{"lodash":["4.17.15"],"wrapper":["1.0.0"]}""");
        result.Findings.Select(f => (f.Severity, f.File, f.Line)).ShouldBe(
        [
            (SecuritySeverity.Medium, "package-lock.json", (int?)14),
            (SecuritySeverity.Medium, "package.json", (int?)5),
        ], ignoreOrder: true);
        result.Findings.Single(f => f.File == "package-lock.json").Message.ShouldBe(
            "lodash is vulnerable: Regular Expression Denial of Service in lodash (https://github.com/advisories/GHSA-test-7), vulnerable <4.17.21; no fix available (npm audit)");
        result.Findings.Single(f => f.File == "package.json").Message.ShouldBe(
            "wrapper depends on vulnerable lodash (affected versions: *); no fix available (npm audit)");
    }

    [Fact]
    public async Task ScanAsync_HighAdvisory_BlocksAndGoesToCodeWithTheFinding()
    {
        var (workspace, head) = await CommitProjectAsync();
        _registry.BulkAnswer = Advisories(("lodash", FakeNpmRegistry.Advisory(1523, "Prototype Pollution in lodash", "critical", "<4.17.19")));

        var report = await new SecurityGate(SecretScanner.PatternsOnly).ScanAsync(workspace, head, Sandbox(confined: false), Ct);

        report.Passed.ShouldBeFalse();
        report.Findings.ShouldHaveSingleItem().ToString().ShouldStartWith("high package.json:5 dependency: lodash is vulnerable: Prototype Pollution in lodash");
        report.CodeWork().ShouldContain("https://github.com/advisories/GHSA-test-1523");
        report.DependencyCheck.ShouldBe("npm: npm audit: 1 vulnerable package(s) among 1 dependencies (1 high)");
        report.ToMarkdown().ShouldContain("| high | package.json | 5 | dependency | lodash is vulnerable: Prototype Pollution in lodash");
    }

    [Fact]
    public async Task ScanAsync_RegistryAnswers405_IsNotAuditedWithTheReasonAndPassesOnTheRest()
    {
        var (workspace, head) = await CommitProjectAsync();
        _registry.BulkStatus = 405;

        var report = await new SecurityGate(SecretScanner.PatternsOnly).ScanAsync(workspace, head, Sandbox(confined: false), Ct);

        _registry.BulkRequests.ShouldHaveSingleItem();
        report.Passed.ShouldBeTrue();
        report.Findings.ShouldBeEmpty();
        report.DependencyCheck.ShouldStartWith("npm: not audited: the registry answered the audit request with 405 Method Not Allowed - POST ");
        report.DependencyCheck.ShouldContain(FakeNpmRegistry.BulkPath);
        report.ToMarkdown().ShouldContain("Dependencies: npm: not audited: the registry answered the audit request with 405");
    }

    [Fact]
    public async Task AuditAsync_NoLockfile_IsNotAuditedAndAsksNothing()
    {
        WriteProject(PackageJson, packageLock: null);

        var result = (await new NpmAudit().AuditAsync(Workspace, Sandbox(confined: false), Ct)).ShouldNotBeNull();

        result.Summary.ShouldStartWith("not audited: no package-lock.json");
        result.Findings.ShouldBeEmpty();
        _registry.BulkRequests.ShouldBeEmpty();
        File.Exists(Path.Combine(Workspace, "package-lock.json")).ShouldBeFalse();
    }

    [Fact]
    public async Task AuditAsync_RegistryNeverAnswers_IsNotAuditedAfterTheTimeout()
    {
        WriteProject(PackageJson, PackageLock);
        _registry.BulkHangs = true;

        var result = (await new NpmAudit(timeout: TimeSpan.FromSeconds(3)).AuditAsync(Workspace, Sandbox(confined: false), Ct)).ShouldNotBeNull();

        result.Summary.ShouldBe("not audited: npm audit did not finish within 3 s (is the registry reachable?)");
        result.Findings.ShouldBeEmpty();
    }

    [Fact]
    public async Task AuditAsync_NpmNotInstalled_IsNotAudited()
    {
        WriteProject(PackageJson, PackageLock);

        var result = (await new NpmAudit(program: "npm-that-is-not-installed").AuditAsync(Workspace, Sandbox(confined: false), Ct)).ShouldNotBeNull();

        result.Summary.ShouldBe("not audited: npm is not installed");
        result.Findings.ShouldBeEmpty();
    }

    [Fact]
    public async Task AuditAsync_NoPackageJson_IsNotAnNpmProject()
    {
        (await new NpmAudit().AuditAsync(Workspace, cancellationToken: Ct)).ShouldBeNull();
        _registry.BulkRequests.ShouldBeEmpty();
    }

    [Fact]
    public async Task DependencyAudit_PythonAndDotNetManifests_SayTheyAreNotAudited()
    {
        _folder.WriteFile("workspace/requirements.txt", "requests==2.19.0\n");
        _folder.WriteFile("workspace/src/App/App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />\n");

        var result = await new DependencyAudit().AuditAsync(Workspace, cancellationToken: Ct);

        result.Summary.ShouldBe($"{DependencyAudit.PythonNotAudited}; {DependencyAudit.DotNetNotAudited}");
        result.Findings.ShouldBeEmpty();
        (await new DependencyAudit().AuditAsync(_folder.CreateFolder("empty"), cancellationToken: Ct)).Summary.ShouldBe(DependencyAudit.NoManifest);
    }

    private static string Advisories(params (string Package, JsonObject Advisory)[] advisories) =>
        new JsonObject(advisories.GroupBy(a => a.Package).Select(g => KeyValuePair.Create<string, JsonNode?>(g.Key, new JsonArray([.. g.Select(a => (JsonNode)a.Advisory)]))))
            .ToJsonString();

    /// <summary>The project's files, with an <c>.npmrc</c> that names the fake registry (as a project's own would).</summary>
    private void WriteProject(string packageJson, string? packageLock)
    {
        File.WriteAllText(Path.Combine(Workspace, ".npmrc"), $"registry={_registry.BaseUri}\n");
        File.WriteAllText(Path.Combine(Workspace, "package.json"), packageJson);
        if (packageLock is not null)
        {
            File.WriteAllText(Path.Combine(Workspace, "package-lock.json"), packageLock);
        }
    }

    private async Task<(GitWorkspace Workspace, string Head)> CommitProjectAsync()
    {
        var workspace = await GitWorkspace.OpenOrInitAsync(Workspace, cancellationToken: Ct);
        WriteProject(PackageJson, PackageLock);
        var head = (await workspace.CommitAllAsync("Code", "code@nexus.local", "project", cancellationToken: Ct))!.CommitId;
        return (workspace, head);
    }

    /// <summary>The step's sandbox: bubblewrap, or (for the rest) the unconfined one, both with the allow-listed
    /// environment and a home of their own.</summary>
    private IProcessSandbox Sandbox(bool confined) =>
        new SandboxProvider(new SandboxOptions { Unsandboxed = !confined }).Create(new SandboxScope
        {
            WritablePaths = [Workspace],
            HomeDirectory = _folder.Combine("home"),
        });
}

using System.Text.Json;
using System.Text.RegularExpressions;
using Nexus.Infra.Tests.Support;
using Shouldly;
using Xunit;

namespace Nexus.Infra.Tests.Bicep;

/// <summary><c>bicep build</c> and <c>bicep lint</c> of infra/main.bicep with the Bicep CLI from NuGet.</summary>
public sealed partial class BicepCompileTests
{
    [Fact]
    public async Task Build_MainBicep_SucceedsWithoutAnyDiagnostic()
    {
        var build = await CompiledTemplate.BuildAsync();

        build.ExitCode.ShouldBe(0, build.ToString());
        Diagnostics(build).ShouldBeEmpty(build.ToString());
        build.StandardError.Trim().ShouldBeEmpty(build.ToString());
    }

    [Fact]
    public async Task Lint_MainBicep_HasNoFinding()
    {
        var lint = await BicepCli.RunAsync("lint", Repository.PathOf("infra/main.bicep"));

        lint.ExitCode.ShouldBe(0, lint.ToString());
        Diagnostics(lint).ShouldBeEmpty(lint.ToString());
        lint.StandardError.Trim().ShouldBeEmpty(lint.ToString());
    }

    [Fact]
    public async Task Lint_WithTheRepositorysConfig_ReportsSecretsAsErrorsAndUnusedParametersAsWarnings()
    {
        // The same linter configuration on a template with faults: lint must see them (so a clean lint above means
        // something) and at the levels infra/bicepconfig.json sets.
        var folder = Directory.CreateTempSubdirectory("nexus-lint-").FullName;
        try
        {
            File.Copy(Repository.PathOf("infra/bicepconfig.json"), Path.Combine(folder, "bicepconfig.json"));
            var faulty = Path.Combine(folder, "faulty.bicep");
            await File.WriteAllTextAsync(faulty, """
                @secure()
                param apiKey string
                param unused string
                output leaked string = apiKey
                output endpoint string = 'https://management.azure.com/'
                """, TestContext.Current.CancellationToken);

            var lint = await BicepCli.RunAsync("lint", faulty);

            lint.ExitCode.ShouldNotBe(0, lint.ToString());
            var findings = Diagnostics(lint);
            findings.ShouldContain(d => d.Level == "Error" && d.Code == "outputs-should-not-contain-secrets", lint.ToString());
            findings.ShouldContain(d => d.Level == "Error" && d.Code == "no-hardcoded-env-urls", lint.ToString());
            findings.ShouldContain(d => d.Level == "Warning" && d.Code == "no-unused-params", lint.ToString());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void LinterConfig_TurnsOffOnlyTheRuleWhoseReasonItGives()
    {
        using var config = JsonDocument.Parse(Repository.Read("infra/bicepconfig.json"),
            new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        var core = config.RootElement.GetProperty("analyzers").GetProperty("core");
        core.GetProperty("enabled").GetBoolean().ShouldBeTrue();

        var off = core.GetProperty("rules").EnumerateObject()
            .Where(rule => rule.Value.GetProperty("level").GetString() == "off")
            .Select(rule => rule.Name);

        off.ShouldBe(["use-recent-api-versions"], "a rule turned off needs its reason in infra/bicepconfig.json and here");
        Repository.Read("infra/bicepconfig.json").ShouldContain("Off, and why");
    }

    [Fact]
    public async Task ParametersFile_SetsOnlyDeclaredNonSecretParameters_AndDeployShSuppliesTheRest()
    {
        var main = await CompiledTemplate.MainAsync();
        using var file = JsonDocument.Parse(Repository.Read("infra/main.parameters.json"));
        var given = file.RootElement.GetProperty("parameters").EnumerateObject().Select(p => p.Name).ToList();

        given.ShouldNotBeEmpty();
        given.ShouldAllBe(name => main.Parameters.ContainsKey(name));
        given.ShouldAllBe(name => !main.SecureParameters.Contains(name));

        // What the file leaves out and has no default, deploy.sh passes.
        var required = main.Parameters.Where(p => !p.Value.TryGetProperty("defaultValue", out _)).Select(p => p.Key).Except(given).ToList();
        required.ShouldBe(["imageTag", "anthropicApiKey", "nexusApiKey"], ignoreOrder: true);
        var deploy = Repository.Read("infra/deploy.sh");
        required.ShouldAllBe(name => deploy.Contains(name, StringComparison.Ordinal));
    }

    /// <summary>Bicep's diagnostics lines: <c>file(line,col) : Level code: message</c>.</summary>
    private static List<(string Level, string Code, string Line)> Diagnostics(ProcessResult result) =>
        [.. (result.StandardOutput + "\n" + result.StandardError).Split('\n')
            .Select(line => DiagnosticLine().Match(line))
            .Where(match => match.Success)
            .Select(match => (match.Groups["level"].Value, match.Groups["code"].Value, match.Value))];

    [GeneratedRegex(@"\(\d+,\d+\) : (?<level>Error|Warning|Info) (?<code>[A-Za-z0-9-]+):.*")]
    private static partial Regex DiagnosticLine();
}

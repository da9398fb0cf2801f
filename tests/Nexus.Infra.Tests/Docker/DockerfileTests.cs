using System.Text.RegularExpressions;
using Nexus.Infra.Tests.Support;
using Shouldly;
using Xunit;

namespace Nexus.Infra.Tests.Docker;

/// <summary>The repository's Dockerfile, read (Docker does not run here, so the image is not built by the tests).</summary>
public sealed partial class DockerfileTests
{
    private static readonly IReadOnlyList<DockerfileInstruction> Instructions = DockerfileInstruction.Parse(Repository.Read("Dockerfile"));

    [Fact]
    public void Stages_BuildOnTheSdk10AndRunOnTheFunctionsIsolatedNet10Host()
    {
        var stages = Instructions.Where(i => i.Keyword == "FROM").Select(i => i.Arguments).ToList();

        stages.Count.ShouldBe(2);
        stages[0].ShouldBe("mcr.microsoft.com/dotnet/sdk:10.0 AS build");
        stages[1].ShouldBe("mcr.microsoft.com/azure-functions/dotnet-isolated:4-dotnet-isolated10.0 AS runtime");
    }

    [Fact]
    public void BuildStage_PublishesTheFunctionApp()
    {
        var publish = Instructions.Single(i => i.Keyword == "RUN" && i.Arguments.Contains("dotnet publish", StringComparison.Ordinal));

        publish.Arguments.ShouldContain("src/Nexus.Functions/Nexus.Functions.csproj");
        File.Exists(Repository.PathOf("src/Nexus.Functions/Nexus.Functions.csproj")).ShouldBeTrue();
        publish.Arguments.ShouldContain("--configuration Release");
        Instructions.ShouldContain(i => i.Keyword == "COPY" && i.Arguments.StartsWith("--from=build ", StringComparison.Ordinal)
            && i.Arguments.EndsWith(" /home/site/wwwroot", StringComparison.Ordinal));
    }

    [Fact]
    public void Runtime_InstallsGitNodeAndBubblewrap()
    {
        var install = Instructions.Single(i => i.Keyword == "RUN" && i.Arguments.Contains("apt-get install", StringComparison.Ordinal));
        var packages = install.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);

        packages.ShouldContain("git");
        packages.ShouldContain("nodejs");
        packages.ShouldContain("npm");
        packages.ShouldContain("bubblewrap");
    }

    [Fact]
    public void ClaudeCli_IsInstalledByTheScriptThatPinsItsVersion()
    {
        var pinned = PinnedClaudeVersion().Match(Repository.Read("scripts/install-claude.sh"));
        pinned.Success.ShouldBeTrue("scripts/install-claude.sh no longer pins the version as ${CLAUDE_CODE_VERSION:-x.y.z}");
        var dockerfile = Repository.Read("Dockerfile");

        Instructions.ShouldContain(i => i.Keyword == "COPY" && i.Arguments == "scripts/install-claude.sh /opt/nexus/scripts/install-claude.sh");
        Instructions.ShouldContain(i => i.Keyword == "RUN" && i.Arguments.Contains("/opt/nexus/scripts/install-claude.sh &&", StringComparison.Ordinal));
        // One home for the version: the Dockerfile names none of its own (a build argument may override the script's).
        dockerfile.ShouldNotContain("claude-code@", Case.Sensitive);
        var argument = Instructions.Single(i => i.Keyword == "ARG" && i.Arguments.StartsWith("CLAUDE_CODE_VERSION", StringComparison.Ordinal));
        (argument.Arguments == "CLAUDE_CODE_VERSION" || argument.Arguments == $"CLAUDE_CODE_VERSION={pinned.Groups["version"].Value}")
            .ShouldBeTrue($"ARG {argument.Arguments}: no default, or the script's {pinned.Groups["version"].Value}");
        Regex.Matches(dockerfile, @"\b\d+\.\d+\.\d{2,}\b").Select(m => m.Value).ShouldNotContain(v => v != pinned.Groups["version"].Value);
    }

    [Fact]
    public void Runtime_SetsTheScriptRoot_AndRunsAsAUserOtherThanRoot()
    {
        var environment = string.Join(' ', Instructions.Where(i => i.Keyword == "ENV").Select(i => i.Arguments));
        environment.ShouldContain("AzureWebJobsScriptRoot=/home/site/wwwroot");

        var user = Instructions.Last(i => i.Keyword == "USER").Arguments;
        user.Split(':')[0].ShouldNotBeOneOf("root", "0");
        Instructions[^1].Keyword.ShouldBe("USER", "nothing after USER runs as root again");
    }

    [Fact]
    public void DataDirectory_IsOwnedByTheAppsUser()
    {
        var environment = string.Join(' ', Instructions.Where(i => i.Keyword == "ENV").Select(i => i.Arguments));
        var data = Regex.Match(environment, @"NEXUS_DATA=(?<path>\S+)").Groups["path"].Value;
        data.ShouldNotBeEmpty();

        var user = Instructions.Last(i => i.Keyword == "USER").Arguments.Split(':')[0];
        var setup = Instructions.Single(i => i.Keyword == "RUN" && i.Arguments.Contains("useradd", StringComparison.Ordinal)).Arguments;
        setup.ShouldContain($"--uid {user} ");
        Regex.IsMatch(setup, $@"chown \S+ [^&]*{Regex.Escape(data)}\b").ShouldBeTrue(setup);
    }

    [Fact]
    public void EveryCopiedPath_ExistsAndIsLetInByDockerignore()
    {
        var allowed = Repository.Read(".dockerignore").Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.StartsWith('!'))
            .Select(line => line[1..].TrimEnd('/'))
            .ToHashSet(StringComparer.Ordinal);
        Repository.Read(".dockerignore").Split('\n').Select(l => l.Trim()).ShouldContain("*", "the context is an allow-list");

        var sources = Instructions
            .Where(i => i.Keyword == "COPY" && !i.Arguments.StartsWith("--from=", StringComparison.Ordinal))
            .SelectMany(i => i.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)[..^1])
            .Select(source => source.TrimEnd('/'))
            .ToList();

        sources.ShouldNotBeEmpty();
        foreach (var source in sources)
        {
            if (source.Contains('[', StringComparison.Ordinal))
            {
                // A pattern that may match nothing (host.jso[n]): its file name must still be let in.
                allowed.ShouldContain(source.Replace("[", "", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal));
                continue;
            }

            (File.Exists(Repository.PathOf(source)) || Directory.Exists(Repository.PathOf(source))).ShouldBeTrue($"COPY {source}: not in the repository");
            allowed.ShouldContain(source, $"COPY {source}: .dockerignore leaves it out of the context");
        }
    }

    [GeneratedRegex(@"\$\{CLAUDE_CODE_VERSION:-(?<version>\d+\.\d+\.\d+)\}")]
    private static partial Regex PinnedClaudeVersion();
}

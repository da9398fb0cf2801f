using Nexus.Cli.Tests.Support;
using Shouldly;
using Xunit;

namespace Nexus.Cli.Tests.Setup;

/// <summary>What <c>run</c> does without a provider (doctor: <see cref="Commands.FinishedProjectTests"/>).</summary>
public sealed class ProviderConfigurationTests : IDisposable
{
    private readonly NexusCli _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Run_NoProviderConfigured_Exits2WithTheConfigurationHint()
    {
        var emptyPath = Directory.CreateDirectory(Path.Combine(_cli.WorkingDirectory, "empty-bin")).FullName;
        var environment = new Dictionary<string, string?>
        {
            ["PATH"] = emptyPath,
            ["NEXUS_CLAUDE_PATH"] = Path.Combine(emptyPath, "claude"), // also hides a repository-local .tools/claude
        };

        var result = await _cli.RunAsync(["run", "Build a URL shortener"], environment);

        result.ExitCode.ShouldBe(2, result.ToString());
        result.StderrLines[0].ShouldStartWith("nexus: no agent provider is configured");
        result.Stderr.ShouldContain("OPENAI_API_KEY");
        result.Stderr.ShouldContain("ANTHROPIC_API_KEY");
        result.Stderr.ShouldContain("AZURE_OPENAI_ENDPOINT");
        result.Stderr.ShouldContain("--provider");
        result.Stderr.ShouldContain("nexus demo");
        result.Stderr.ShouldNotContain("   at ");
        result.Stdout.ShouldBeEmpty();
        Directory.Exists(_cli.DataDirectory).ShouldBeFalse();
    }

    [Fact]
    public async Task Run_ExplicitProviderWithoutItsKey_Exits2AndNamesTheVariable()
    {
        var result = await _cli.RunAsync(["run", "Build a URL shortener", "--provider", "openai"], null);

        result.ExitCode.ShouldBe(2, result.ToString());
        result.StderrLines[0].ShouldContain("OPENAI_API_KEY");
    }
}

using Nexus.Cli.Tests.Support;
using Shouldly;
using Xunit;

namespace Nexus.Cli.Tests.Setup;

/// <summary>What <c>run</c> does without a provider, and what <c>doctor</c> shows of the configuration.</summary>
public sealed class ProviderConfigurationTests : IDisposable
{
    private const string FakeOpenAIKey = "sk-nexus-test-0123456789abcdefFAKE";
    private const string FakeAnthropicKey = "sk-ant-nexus-test-FAKE-9876543210";
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

    [Fact]
    public async Task Doctor_WithKeysSet_ShowsPresenceButNeverTheValues()
    {
        var environment = new Dictionary<string, string?>
        {
            ["OPENAI_API_KEY"] = FakeOpenAIKey,
            ["ANTHROPIC_API_KEY"] = FakeAnthropicKey,
            ["NEXUS_CLAUDE_PATH"] = Path.Combine(_cli.WorkingDirectory, "no-claude"),
        };
        var seeded = await _cli.RunAsync("demo", "--json");
        seeded.ExitCode.ShouldBe(0, seeded.ToString());

        var result = await _cli.RunAsync(["doctor"], environment);

        var output = result.Stdout + result.Stderr;
        output.ShouldNotContain(FakeOpenAIKey);
        output.ShouldNotContain(FakeAnthropicKey);
        output.ShouldNotContain("0123456789abcdef");
        output.ShouldContain("OPENAI_API_KEY");
        output.ShouldContain("git");
        output.ShouldContain("store");
        output.ShouldContain("schema ok, 1 project (1 completed)");
        result.ExitCode.ShouldBe(0, result.ToString());
    }
}

using System.Text.Json;
using Nexus.Cli.Tests.Support;
using Shouldly;
using Xunit;

namespace Nexus.Cli.Tests.Commands;

/// <summary><c>nexus run --gates/--min-coverage/--max-complexity/--memory</c> on the real program: one project's choice over
/// the configured gates and memory, recorded in its request.</summary>
public sealed class GateOptionsTests : IDisposable
{
    private readonly NexusCli _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Run_GateAndMemoryOptions_AreRecordedOverTheConfiguredValues()
    {
        // The configuration sets the complexity limit; the command line changes which gates run, the coverage and the memory.
        var run = await _cli.RunAsync(
            ["run", "A stack", "--provider", "replay", "--id", "p-gates", "--gates", "qa", "--min-coverage", "55.5", "--memory", "off", "--json"],
            new Dictionary<string, string?> { ["NEXUS_MAX_COMPLEXITY"] = "12" });
        var status = await _cli.RunAsync("status", "p-gates", "--json");

        run.ExitCode.ShouldBe(0, run.ToString());
        status.ExitCode.ShouldBe(0, status.ToString());
        using var json = JsonDocument.Parse(status.Stdout);
        var input = json.RootElement.GetProperty("input");
        var gates = input.GetProperty("gates");
        gates.GetProperty("quality").GetBoolean().ShouldBeTrue();
        gates.GetProperty("security").GetBoolean().ShouldBeFalse();
        gates.GetProperty("minLineCoverage").GetDouble().ShouldBe(55.5);
        gates.GetProperty("maxComplexity").GetInt32().ShouldBe(12);
        input.GetProperty("memory").GetBoolean().ShouldBeFalse();
        input.TryGetProperty("gateChoice", out _).ShouldBeFalse("the choice is folded into the gates, never stored");

        // Memory off: the finished project left no lessons behind.
        File.Exists(Path.Combine(_cli.DataDirectory, "memory.db")).ShouldBeFalse();
    }

    [Theory]
    [InlineData("--gates", "maybe", "'maybe'")]
    [InlineData("--min-coverage", "101", "--min-coverage must be a percentage between 0 and 100, not '101'")]
    [InlineData("--min-coverage", "NaN", "--min-coverage must be a percentage between 0 and 100, not 'NaN'")]
    [InlineData("--max-complexity", "0", "--max-complexity must be a whole number of at least 1, not '0'")]
    [InlineData("--memory", "sometimes", "'sometimes'")]
    public async Task Run_BadGateOrMemoryOption_ExitsWith2NamingIt(string option, string value, string message)
    {
        var result = await _cli.RunAsync("run", "A stack", "--provider", "replay", option, value);

        result.ExitCode.ShouldBe(2, result.ToString());
        result.StderrLines[0].ShouldContain(message);
        result.Stdout.ShouldBeEmpty();
        Directory.Exists(Path.Combine(_cli.DataDirectory, "projects")).ShouldBeFalse("nothing started");
    }
}

using Nexus.Cli.Tests.Support;
using Shouldly;
using Xunit;

namespace Nexus.Cli.Tests.Setup;

/// <summary>The sandbox from the command line: where bubblewrap cannot start, agents are refused in one line unless the
/// operator opts out; doctor and status say which it is.</summary>
public sealed class SandboxTests : IDisposable
{
    private readonly NexusCli _cli = new();

    // A PATH without bwrap (nor anything else): the sandbox cannot start, and nothing runs before the refusal.
    private static readonly Dictionary<string, string?> _noBubblewrap = new() { ["PATH"] = "/nonexistent-nexus-sandbox-test" };

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Demo_NoSandboxCanStart_RefusedWithOneLineAndExit2()
    {
        var result = await _cli.RunAsync(["demo"], _noBubblewrap);

        result.ExitCode.ShouldBe(2, result.ToString());
        var line = result.StderrLines.ShouldHaveSingleItem(result.ToString());
        line.ShouldStartWith("nexus: no sandbox can start here (bubblewrap (bwrap) is not installed)");
        line.ShouldContain("--unsandboxed");
        result.Stdout.ShouldBeEmpty();
    }

    [Fact]
    public async Task Doctor_NoSandboxCanStart_SaysAgentsAreRefused()
    {
        var result = await _cli.RunAsync(["doctor"], _noBubblewrap);

        result.Stdout.ShouldContain("sandbox", Case.Sensitive, result.ToString());
        result.Stdout.Split('\n').Single(l => l.Contains("sandbox", StringComparison.Ordinal)).ShouldContain("agents are refused");
    }

    [Fact]
    public async Task DemoAndStatus_Sandboxed_SayBubblewrap_Unsandboxed_SayNone()
    {
        var doctor = await _cli.RunAsync("doctor");
        doctor.Stdout.Split('\n').Single(l => l.Contains("sandbox", StringComparison.Ordinal)).ShouldContain("bubblewrap", Case.Sensitive, doctor.ToString());

        var sandboxed = await _cli.RunAsync("demo", "--id", "boxed");
        sandboxed.ExitCode.ShouldBe(0, sandboxed.ToString());
        sandboxed.Stdout.ShouldContain("sandbox: bubblewrap");
        (await _cli.RunAsync("status", "boxed")).Stdout.ShouldContain("sandbox:     bubblewrap");

        var open = await _cli.RunAsync("demo", "--id", "open", "--unsandboxed");
        open.ExitCode.ShouldBe(0, open.ToString());
        open.Stdout.ShouldContain("sandbox: NONE (--unsandboxed");
        (await _cli.RunAsync("status", "open")).Stdout.ShouldContain("sandbox:     none (--unsandboxed)");
    }
}

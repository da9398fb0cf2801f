using System.Text.Json;
using Nexus.Cli.Tests.Support;
using Shouldly;
using Xunit;

namespace Nexus.Cli.Tests.Commands;

/// <summary><c>nexus retry</c> in real processes: a project failed at its iteration limit continues with a higher one, and
/// what cannot be retried is refused with one line and exit code 2.</summary>
public sealed class RetryCommandTests : IDisposable
{
    private readonly NexusCli _cli = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Retry_FailedAtMaxIterations_RaisedLimitCompletesAndASecondRetryIsRefused()
    {
        var failed = await _cli.RunAsync("run", "Build slugkit", "--provider", "replay", "--max-iterations", "1", "--id", "retry-1", "--json");
        failed.ExitCode.ShouldBe(1, failed.ToString());

        var retried = await _cli.RunAsync("retry", "retry-1", "--max-iterations", "3");
        var again = await _cli.RunAsync("retry", "retry-1");
        var status = await _cli.RunAsync("status", "retry-1", "--json");

        retried.ExitCode.ShouldBe(0, retried.ToString());
        retried.Stdout.ShouldContain("retrying project retry-1 (retry 1, max iterations 3) after: max iterations reached: 1 iteration(s) used");
        retried.Stdout.ShouldContain("project retry-1: completed");
        again.ExitCode.ShouldBe(2, again.ToString());
        again.StderrLines.ShouldHaveSingleItem().ShouldBe("nexus: project retry-1 has completed; only a failed or terminated project can be retried");
        using var json = JsonDocument.Parse(status.Stdout);
        json.RootElement.GetProperty("runtimeStatus").GetString().ShouldBe("Completed", status.ToString());
    }

    [Fact]
    public async Task Retry_RunningProject_Exit2OneLineAndTheProjectGoesOn()
    {
        await using var run = _cli.Start(["demo", "--id", "retry-run", "--delay", "2"]);
        await run.WaitForLineAsync(line => line.Contains("aria: running", StringComparison.Ordinal), Ct);

        var retry = await _cli.RunAsync("retry", "retry-run");
        var cancel = await _cli.RunAsync("cancel", "retry-run");
        await run.WaitForExitAsync(Ct);

        retry.ExitCode.ShouldBe(2, retry.ToString());
        retry.StderrLines.ShouldHaveSingleItem().ShouldBe(
            "nexus: project retry-run is running; only a failed or terminated project can be retried (it goes on by itself; 'nexus resume retry-run' follows it)");
        cancel.ExitCode.ShouldBe(0, cancel.ToString());
    }

    [Theory]
    [InlineData(new[] { "retry", "no-such-project" }, "nexus: no project with id 'no-such-project'")]
    [InlineData(new[] { "retry", "x-1", "--max-iterations", "0" }, "nexus: --max-iterations must be a whole number between 1 and 20, not '0'")]
    [InlineData(new[] { "retry", "x-1", "--budget-usd", "-2" }, "nexus: --budget-usd must be an amount more than 0, not '-2'")]
    public async Task Retry_BadUsage_Exit2OneLine(string[] arguments, string expected)
    {
        var result = await _cli.RunAsync(arguments);

        result.ExitCode.ShouldBe(2, result.ToString());
        result.StderrLines.ShouldHaveSingleItem().ShouldStartWith(expected);
    }
}

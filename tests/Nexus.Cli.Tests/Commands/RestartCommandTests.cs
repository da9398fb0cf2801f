using System.Text.Json;
using Nexus.Cli.Tests.Support;
using Shouldly;
using Xunit;

namespace Nexus.Cli.Tests.Commands;

/// <summary><c>nexus restart</c> in real processes, and the one line a start with the id of a failed project gets (it
/// names retry, restart and purge): the project runs again from the start with its own request, and what cannot be
/// restarted is refused with one line and exit code 2.</summary>
public sealed class RestartCommandTests : IDisposable
{
    private readonly NexusCli _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Restart_FailedProject_StartWithItsIdNamesRetryRestartAndPurgeAndRestartRunsItAgainFromTheStart()
    {
        var failed = await _cli.RunAsync("run", "Build slugkit", "--provider", "replay", "--max-iterations", "1", "--id", "restart-1", "--json");
        failed.ExitCode.ShouldBe(1, failed.ToString());
        var before = await HistoryAsync("restart-1");

        var reuse = await _cli.RunAsync("run", "replace the failed project", "--provider", "replay", "--id", "restart-1");
        var unchanged = await HistoryAsync("restart-1");
        var restarted = await _cli.RunAsync("restart", "restart-1");
        var after = await HistoryAsync("restart-1");

        var target = $"--data {_cli.DataDirectory}";
        reuse.ExitCode.ShouldBe(2, reuse.ToString());
        reuse.StderrLines.ShouldHaveSingleItem().ShouldBe(
            "nexus: project 'restart-1' already exists (failed); a start never replaces a project: choose another --id, " +
            $"continue it with: nexus retry restart-1 {target}, run it again from the start with: nexus restart restart-1 {target}, " +
            $"or delete it first with: nexus purge restart-1 {target}");
        unchanged.ShouldBe(before);
        restarted.ExitCode.ShouldBe(1, restarted.ToString());
        restarted.Stdout.ShouldContain("restarting project restart-1 from the start (it was failed)");
        restarted.Stdout.ShouldContain("max iterations reached: 1 iteration(s)");
        after.ShouldNotBe(before, "the restart is a new run with its own history");
    }

    [Fact]
    public async Task Restart_UnknownId_Exit2OneLine()
    {
        var result = await _cli.RunAsync("restart", "no-such-project");

        result.ExitCode.ShouldBe(2, result.ToString());
        result.StderrLines.ShouldHaveSingleItem().ShouldStartWith("nexus: no project with id 'no-such-project'");
    }

    private async Task<string> HistoryAsync(string id)
    {
        var history = await _cli.RunAsync("history", id, "--json");
        history.ExitCode.ShouldBe(0, history.ToString());
        using var json = JsonDocument.Parse(history.Stdout);
        json.RootElement.GetProperty("historyEvents").GetArrayLength().ShouldBeGreaterThan(2);
        return history.Stdout;
    }
}

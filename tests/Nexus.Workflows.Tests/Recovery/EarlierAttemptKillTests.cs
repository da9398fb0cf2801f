using System.Diagnostics;
using Nexus.Agents.Processes;
using Nexus.Agents.Roles;
using Nexus.Agents.Scratchpads;
using Nexus.Durable.History;
using Nexus.Durable.Serialization;
using Nexus.Workflows.Activities;
using Nexus.Workflows.Hosting;
using Nexus.Workflows.Tests.Orchestration;
using Nexus.Workflows.Tests.Support;
using Shouldly;
using Xunit;

namespace Nexus.Workflows.Tests.Recovery;

/// <summary>
/// An earlier attempt of Code's step left its process running (its worker died; the process is real, in its own process
/// group, recorded in the step's pid file). The process writes <c>late.txt</c> as soon as the workspace is reset under it,
/// so a retry that reset before killing would commit that late write. Real git, real orchestration, the activity delivered
/// again as the engine does.
/// </summary>
public sealed class EarlierAttemptKillTests
{
    private const string LateFile = "late.txt";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunAgentStep_EarlierAttemptStillRunning_IsKilledBeforeTheResetAndItsLateWriteIsNeverCommitted()
    {
        await using var nexus = await WorkflowFixture.StartAsync(cancellationToken: Ct);
        var id = await nexus.Projects.StartAsync(WorkflowFixture.Scenario("demo") with { MaxIterations = 1 }, "late-write", Ct);
        await nexus.Projects.WaitAsync(id, Ct);
        var history = await nexus.Projects.GetHistoryAsync(id, Ct);
        var input = history
            .Where(e => e.Kind == EventKind.TaskScheduled && e.Name == RunAgentStepActivity.Name)
            .Select(e => JsonDataConverter.Default.Deserialize<AgentStepInput>(e.Data))
            .First(i => i.AgentId == "code");
        var workspace = new WorkspaceGit(nexus.Projects.WorkspaceOf(id));
        var record = StepSandbox.RecordPath(nexus.Runtime.Options, id, input.StepKey);
        using var earlier = StartEarlierAttempt(workspace.Directory);
        (await earlier.StandardOutput.ReadLineAsync(Ct)).ShouldBe("ready");
        ProcessRecord.Write(record, earlier.Id);
        var services = new WorkflowServices(
            nexus.Runtime.Options, new InMemoryScratchpadStore(nexus.Runtime.Redactor), nexus.Runtime.TurnGate, nexus.Runtime.Redactor, nexus.Runtime.Durable, nexus.Runtime.Sandbox);

        var again = await new RunAgentStepActivity(services, AgentCatalog.BuiltIn, Ct)
            .RunAsync(new StepActivityContext(RunAgentStepActivity.Name, id), input);

        again.Succeeded.ShouldBeTrue(again.Error);
        earlier.HasExited.ShouldBeTrue("the earlier attempt's process group was killed and waited for");
        File.Exists(record).ShouldBeFalse();
        var commits = await workspace.LogAsync(Ct);
        commits[^1].Id.ShouldBe(again.Commit);
        foreach (var commit in commits)
        {
            (await workspace.FilesAtAsync(commit.Id, Ct)).ShouldNotContain(LateFile);
        }

        (await workspace.PatchLogAsync(Ct)).ShouldNotContain(LateFile, Case.Sensitive, "no commit of any branch holds the late write");
        again.ChangedFiles.ShouldNotContain(LateFile);
        File.Exists(Path.Combine(workspace.Directory, LateFile)).ShouldBeFalse("the earlier attempt never saw the reset");
    }

    /// <summary>A process in its own group (as the sandbox starts agents) that left <c>wip.txt</c> in the workspace, says
    /// <c>ready</c>, and writes <c>late.txt</c> the moment a reset removes <c>wip.txt</c> — or in 30 s at the latest.</summary>
    private static Process StartEarlierAttempt(string workspace)
    {
        var start = new ProcessStartInfo("setsid")
        {
            WorkingDirectory = workspace,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["sh", "-c", $"echo wip > wip.txt; echo ready; i=0; while [ -e wip.txt ] && [ $i -lt 30000 ]; do sleep 0.001; i=$((i+1)); done; echo late > {LateFile}; sleep 30"])
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }
}

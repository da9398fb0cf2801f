using System.Diagnostics;
using Nexus.Durable.Storage;
using Nexus.Hosting;
using Nexus.Workflows.Live;
using Nexus.Workflows.Tests.Support;
using Shouldly;
using Xunit;

namespace Nexus.Workflows.Tests.Recovery;

/// <summary>A process that carries a project on while another worker's lease still holds its work says what it waits
/// for — in its return value (the CLI prints it) and as the project's live activity, which a viewer in another runtime of
/// the data directory (a dashboard) receives.</summary>
public sealed class LeaseWaitTests
{
    private const string ProjectId = "lease-wait";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Announce_WorkLeasedByAWorkerWhoseProcessIsGone_SaysWhenItLapsesHereAndInTheViewersLiveActivity()
    {
        await using var viewer = await WorkflowFixture.StartAsync(o => o.RunWorker = false, Ct);
        await viewer.Projects.StartAsync(WorkflowFixture.Scenario("demo"), ProjectId, Ct);
        var owner = $"{Environment.MachineName}:{await EndedProcessIdAsync()}:killed01";
        (await viewer.Runtime.Store.LockInstancesAsync(new LockRequest(owner, 1, TimeSpan.FromMinutes(1)), Ct)).Items.ShouldHaveSingleItem();
        using var live = viewer.Projects.Activity.Subscribe(ProjectId);

        await using var resumer = await NexusRuntime.StartAsync(new NexusOptions { DataDirectory = viewer.DataDirectory, ScenariosDirectory = WorkflowFixture.SamplesDirectory }, Ct);
        var lease = await resumer.AnnounceLeaseWaitAsync(ProjectId, Ct);

        lease.ShouldNotBeNull();
        lease.Owner.ShouldBe(owner);
        lease.HolderGone.ShouldBeTrue();
        lease.Describe(lease.Until - TimeSpan.FromSeconds(42)).ShouldBe(
            $"waiting for the lease of worker {owner}, whose process is gone: the step it was running starts again when the lease lapses in 42 s");
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        limit.CancelAfter(TimeSpan.FromSeconds(30));
        var seen = await live.Reader.ReadAsync(limit.Token);
        seen.ShouldBe(seen with { ProjectId = ProjectId, AgentId = "nexus", AgentName = "NEXUS", Kind = LiveActivityKind.Recovery });
        seen.Text.ShouldStartWith($"waiting for the lease of worker {owner}, whose process is gone: the step it was running starts again when the lease lapses in ");
    }

    [Fact]
    public async Task Announce_WorkLeasedByALiveWorker_SaysItTakesOverIfThatWorkerStops_AndNothingWhenNoLeaseIsHeld()
    {
        await using var nexus = await WorkflowFixture.StartAsync(o => o.RunWorker = false, Ct);
        await nexus.Projects.StartAsync(WorkflowFixture.Scenario("demo"), ProjectId, Ct);
        (await nexus.Runtime.AnnounceLeaseWaitAsync(ProjectId, Ct)).ShouldBeNull("the work is queued, nobody holds it");

        var owner = $"{Environment.MachineName}:{Environment.ProcessId}:alive001";
        var locked = await nexus.Runtime.Store.LockInstancesAsync(new LockRequest(owner, 1, TimeSpan.FromMinutes(1)), Ct);
        var lease = await nexus.Runtime.AnnounceLeaseWaitAsync(ProjectId, Ct);

        lease.ShouldNotBeNull();
        lease.HolderGone.ShouldBeFalse("this test's own process holds it");
        lease.Describe(lease.Until - TimeSpan.FromSeconds(9)).ShouldBe(
            $"worker {owner} holds this project's running step (its lease runs 9 s more and is renewed while that worker lives): this process takes over if it stops");
        await nexus.Runtime.Store.AbandonInstanceAsync(locked.Items.Single(), "test over", Ct);
        (await nexus.Runtime.AnnounceLeaseWaitAsync(ProjectId, Ct)).ShouldBeNull("released");
    }

    private static async Task<int> EndedProcessIdAsync()
    {
        using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        await process.WaitForExitAsync(Ct);
        return process.Id;
    }
}

using Nexus.Durable.History;
using Nexus.Durable.Orchestrations;
using Nexus.Durable.Storage;
using Nexus.Durable.Testing;
using Nexus.Durable.Tests.Support;
using Shouldly;
using Xunit;

namespace Nexus.Durable.Tests.Control;

public sealed class InstanceControlTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CallSubOrchestrationAsync_ChildCompletesOrFails_ParentSeesOutputOrFailure()
    {
        await using var host = await DurableTestHost.StartAsync(
            r => r
                .AddOrchestration<int, int>("Child", (_, x) => x < 0 ? throw new ArgumentOutOfRangeException(nameof(x), "negative") : Task.FromResult(x * 10))
                .AddOrchestration<int, string>("Parent", async (ctx, x) =>
                {
                    var ok = await ctx.CallSubOrchestrationAsync<int>("Child", x);
                    try
                    {
                        await ctx.CallSubOrchestrationAsync<int>("Child", -1, new SubOrchestrationOptions { InstanceId = ctx.InstanceId + "-bad" });
                        return "unexpected";
                    }
                    catch (TaskFailedException e)
                    {
                        return $"{ok}:{e.Failure.Inner?.ErrorType ?? e.Failure.ErrorType}";
                    }
                }),
            cancellationToken: Ct);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Parent", 4, new() { InstanceId = "parent-1" }, Ct);
        var result = await host.Client.WaitForInstanceCompletionAsync(id, cancellationToken: Ct);

        result.ReadOutputAs<string>().ShouldBe($"40:{typeof(ArgumentOutOfRangeException).FullName}");
        (await host.Client.GetInstanceAsync("parent-1:0", cancellationToken: Ct))!.ParentInstanceId.ShouldBe("parent-1");
        (await host.Client.GetInstanceAsync("parent-1-bad", cancellationToken: Ct))!.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Failed);
    }

    [Fact]
    public async Task SuspendThenResume_EventDuringSuspension_WaitsUntilResumed()
    {
        await using var host = await DurableTestHost.StartAsync(
            r => r.AddOrchestration<int, string>("Waiter", async (ctx, _) => await ctx.WaitForExternalEvent<string>("go")),
            cancellationToken: Ct);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waiter", 0, cancellationToken: Ct);
        await HistoryProbe.WaitForCountAsync(host.Client, id, EventKind.OrchestratorCompleted, 1, Ct);

        await host.Client.SuspendInstanceAsync(id, "maintenance", Ct);
        await Eventually.UntilAsync(
            async () => (await host.Client.GetInstanceAsync(id, cancellationToken: Ct))!.RuntimeStatus == OrchestrationRuntimeStatus.Suspended, "suspended", cancellationToken: Ct);
        await host.Client.RaiseEventAsync(id, "go", "went", Ct);
        await HistoryProbe.WaitForCountAsync(host.Client, id, EventKind.EventRaised, 1, Ct);
        (await host.Client.GetInstanceAsync(id, cancellationToken: Ct))!.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Suspended);

        await host.Client.ResumeInstanceAsync(id, cancellationToken: Ct);
        var result = await host.Client.WaitForInstanceCompletionAsync(id, cancellationToken: Ct);

        result.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
        result.ReadOutputAs<string>().ShouldBe("went");
    }

    [Fact]
    public async Task TerminateInstanceAsync_WhileActivityRuns_TerminatesAndCancelsTheActivity()
    {
        var activityCancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var activityStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = await DurableTestHost.StartAsync(
            r => r
                .AddActivity<int, int>("Forever", async (ctx, _) =>
                {
                    activityStarted.SetResult();
                    try
                    {
                        await Task.Delay(Timeout.Infinite, ctx.CancellationToken);
                    }
                    catch (OperationCanceledException)
                    {
                        activityCancelled.SetResult();
                        throw;
                    }

                    return 0;
                })
                .AddOrchestration<int, int>("Long", (ctx, x) => ctx.CallActivityAsync<int>("Forever", x)),
            cancellationToken: Ct);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Long", 0, cancellationToken: Ct);
        await activityStarted.Task.WaitAsync(TimeSpan.FromSeconds(20), Ct);
        await Task.Delay(400, Ct); // let the activity outlive the lease watcher's start delay (250 ms)

        await host.Client.TerminateInstanceAsync(id, "user cancelled", Ct);
        var result = await host.Client.WaitForInstanceCompletionAsync(id, cancellationToken: Ct);

        result.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Terminated);
        result.ReadOutputAs<string>().ShouldBe("user cancelled");
        await activityCancelled.Task.WaitAsync(TimeSpan.FromSeconds(5), Ct);
    }

    [Fact]
    public async Task SetCustomStatus_DuringRun_IsVisibleToClients()
    {
        await using var host = await DurableTestHost.StartAsync(
            r => r.AddOrchestration<int, int>("Phased", async (ctx, _) =>
            {
                ctx.SetCustomStatus(new { phase = "plan", progress = 0.1 });
                await ctx.WaitForExternalEvent<int>("next");
                ctx.SetCustomStatus(new { phase = "done", progress = 1.0 });
                return 1;
            }),
            cancellationToken: Ct);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Phased", 0, cancellationToken: Ct);

        await Eventually.UntilAsync(async () => (await host.Client.GetInstanceAsync(id, cancellationToken: Ct))!.SerializedCustomStatus is not null, "custom status set", cancellationToken: Ct);
        (await host.Client.GetInstanceAsync(id, cancellationToken: Ct))!.SerializedCustomStatus.ShouldBe("""{"phase":"plan","progress":0.1}""");
        await host.Client.RaiseEventAsync(id, "next", 1, Ct);
        var result = await host.Client.WaitForInstanceCompletionAsync(id, cancellationToken: Ct);

        result.SerializedCustomStatus.ShouldBe("""{"phase":"done","progress":1}""");
    }

    [Fact]
    public async Task QueryAndPurge_FinishedAndRunningInstances_FilterPageAndPurgeOnlyFinished()
    {
        await using var host = await DurableTestHost.StartAsync(
            r => r
                .AddOrchestration<int, int>("Quick", (_, x) => Task.FromResult(x))
                .AddOrchestration<int, int>("Blocked", async (ctx, _) => await ctx.WaitForExternalEvent<int>("never")),
            cancellationToken: Ct);
        for (var i = 0; i < 5; i++)
        {
            var quick = await host.Client.ScheduleNewOrchestrationInstanceAsync("Quick", i, new() { InstanceId = $"q-{i}" }, Ct);
            await host.Client.WaitForInstanceCompletionAsync(quick, cancellationToken: Ct);
        }

        await host.Client.ScheduleNewOrchestrationInstanceAsync("Blocked", 0, new() { InstanceId = "b-1" }, Ct);

        var page1 = await host.Client.QueryInstancesAsync(new InstanceQuery { InstanceIdPrefix = "q-", PageSize = 3 }, Ct);
        var page2 = await host.Client.QueryInstancesAsync(new InstanceQuery { InstanceIdPrefix = "q-", PageSize = 3, ContinuationToken = page1.ContinuationToken }, Ct);
        page1.Instances.Concat(page2.Instances).Select(i => i.InstanceId).Order().ShouldBe(["q-0", "q-1", "q-2", "q-3", "q-4"]);
        page2.ContinuationToken.ShouldBeNull();

        await Should.ThrowAsync<InstanceStillActiveException>(() => host.Client.PurgeInstanceAsync("b-1", Ct));
        (await host.Client.PurgeInstanceAsync("q-0", Ct)).ShouldBe(1);
        (await host.Client.PurgeInstancesAsync(new PurgeFilter { RuntimeStatus = [OrchestrationRuntimeStatus.Completed] }, Ct)).ShouldBe(4);
        (await host.Client.GetInstanceAsync("b-1", cancellationToken: Ct)).ShouldNotBeNull();
        await Should.ThrowAsync<InstanceNotFoundException>(() => host.Client.PurgeInstanceAsync("q-1", Ct));
    }
}

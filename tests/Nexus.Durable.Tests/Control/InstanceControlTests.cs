using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Nexus.Durable.History;
using Nexus.Durable.Testing;
using Nexus.Durable.Tests.Client;
using Nexus.Durable.Tests.Support;
using Shouldly;
using Xunit;
using SdkStatus = Microsoft.DurableTask.Client.OrchestrationRuntimeStatus;
using SdkTaskFailedException = Microsoft.DurableTask.TaskFailedException;

namespace Nexus.Durable.Tests.Control;

public sealed class InstanceControlTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CallSubOrchestratorAsync_ChildCompletesOrFails_ParentSeesOutputOrFailure()
    {
        await using var host = await DurableTestHost.StartAsync(
            r => r
                .AddTaskOrchestratorFunc<int, int>("Child", (_, x) => x < 0 ? throw new ArgumentOutOfRangeException(nameof(x), "negative") : Task.FromResult(x * 10))
                .AddTaskOrchestratorFunc<int, string>("Parent", async (ctx, x) =>
                {
                    var ok = await ctx.CallSubOrchestratorAsync<int>("Child", x, new SubOrchestrationOptions { InstanceId = ctx.InstanceId + "-good" });
                    try
                    {
                        await ctx.CallSubOrchestratorAsync<int>("Child", -1, new SubOrchestrationOptions { InstanceId = ctx.InstanceId + "-bad" });
                        return "unexpected";
                    }
                    catch (SdkTaskFailedException e)
                    {
                        return $"{ok}:{e.FailureDetails.ErrorType}";
                    }
                }),
            cancellationToken: Ct);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Parent", 4, new StartOrchestrationOptions("parent-1"), Ct);
        var result = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Ct);

        result.ReadOutputAs<string>().ShouldBe($"40:{typeof(ArgumentOutOfRangeException).FullName}");
        (await host.Store.GetInstanceAsync("parent-1-good", Ct))!.Parent!.InstanceId.ShouldBe("parent-1");
        (await host.Client.GetInstanceAsync("parent-1-bad", Ct))!.RuntimeStatus.ShouldBe(SdkStatus.Failed);
    }

    [Fact]
    public async Task SuspendThenResume_EventDuringSuspension_WaitsUntilResumed()
    {
        await using var host = await DurableTestHost.StartAsync(
            r => r.AddTaskOrchestratorFunc<int, string>("Waiter", async (ctx, _) => await ctx.WaitForExternalEvent<string>("go")),
            cancellationToken: Ct);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waiter", 0, Ct);
        await HistoryProbe.WaitForCountAsync(host.Store, id, EventKind.OrchestratorCompleted, 1, Ct);

        await host.Client.SuspendInstanceAsync(id, "maintenance", Ct);
        await StoreWait.UntilAsync(host.Store, id, r => r?.RuntimeStatus == OrchestrationRuntimeStatus.Suspended, "suspended", Ct);
        await host.Client.RaiseEventAsync(id, "go", "went", Ct);
        await HistoryProbe.WaitForCountAsync(host.Store, id, EventKind.EventRaised, 1, Ct);
        (await host.Client.GetInstanceAsync(id, Ct))!.RuntimeStatus.ShouldBe(SdkStatus.Suspended);

        await host.Client.ResumeInstanceAsync(id, cancellation: Ct);
        var result = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Ct);

        result.RuntimeStatus.ShouldBe(SdkStatus.Completed);
        result.ReadOutputAs<string>().ShouldBe("went");
    }

    [Fact]
    public async Task TerminateInstanceAsync_WhileActivityRuns_TerminatesAndCancelsTheActivity()
    {
        var activityCancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var activityStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = await DurableTestHost.StartAsync(
            r => r
                .AddTaskActivity("Forever", invocation => FuncTaskActivity.Create<int, int>(async (_, _) =>
                {
                    activityStarted.SetResult();
                    try
                    {
                        await Task.Delay(Timeout.Infinite, invocation.CancellationToken);
                    }
                    catch (OperationCanceledException)
                    {
                        activityCancelled.SetResult();
                        throw;
                    }

                    return 0;
                }))
                .AddTaskOrchestratorFunc<int, int>("Long", (ctx, x) => ctx.CallActivityAsync<int>("Forever", x)),
            cancellationToken: Ct);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Long", 0, Ct);
        await activityStarted.Task.WaitAsync(TimeSpan.FromSeconds(20), Ct);
        await Task.Delay(400, Ct); // let the activity outlive the lease watcher's start delay (250 ms)

        await host.Client.TerminateInstanceAsync(id, "user cancelled", Ct);
        var result = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Ct);

        result.RuntimeStatus.ShouldBe(SdkStatus.Terminated);
        result.ReadOutputAs<string>().ShouldBe("user cancelled");
        await activityCancelled.Task.WaitAsync(TimeSpan.FromSeconds(5), Ct);
    }

    [Fact]
    public async Task SetCustomStatus_DuringRun_IsVisibleToClients()
    {
        await using var host = await DurableTestHost.StartAsync(
            r => r.AddTaskOrchestratorFunc<int, int>("Phased", async (ctx, _) =>
            {
                ctx.SetCustomStatus(new { phase = "plan", progress = 0.1 });
                await ctx.WaitForExternalEvent<int>("next");
                ctx.SetCustomStatus(new { phase = "done", progress = 1.0 });
                return 1;
            }),
            cancellationToken: Ct);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Phased", 0, Ct);

        await StoreWait.UntilAsync(host.Store, id, r => r?.CustomStatus is not null, "custom status set", Ct);
        (await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true, Ct))!.SerializedCustomStatus.ShouldBe("""{"phase":"plan","progress":0.1}""");
        await host.Client.RaiseEventAsync(id, "next", 1, Ct);
        var result = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Ct);

        result.SerializedCustomStatus.ShouldBe("""{"phase":"done","progress":1}""");
    }

    [Fact]
    public async Task QueryAndPurge_FinishedAndRunningInstances_FilterPageAndPurgeOnlyFinished()
    {
        await using var host = await DurableTestHost.StartAsync(
            r => r
                .AddTaskOrchestratorFunc<int, int>("Quick", (_, x) => Task.FromResult(x))
                .AddTaskOrchestratorFunc<int, int>("Blocked", async (ctx, _) => await ctx.WaitForExternalEvent<int>("never")),
            cancellationToken: Ct);
        for (var i = 0; i < 5; i++)
        {
            var quick = await host.Client.ScheduleNewOrchestrationInstanceAsync("Quick", i, new StartOrchestrationOptions($"q-{i}"), Ct);
            await host.Client.WaitForInstanceCompletionAsync(quick, Ct);
        }

        await host.Client.ScheduleNewOrchestrationInstanceAsync("Blocked", 0, new StartOrchestrationOptions("b-1"), Ct);

        var pages = await NexusDurableTaskClientTests.CollectAsync(host.Client.GetAllInstancesAsync(new OrchestrationQuery(InstanceIdPrefix: "q-", PageSize: 3)).AsPages());
        pages.SelectMany(p => p.Values).Select(i => i.InstanceId).Order().ShouldBe(["q-0", "q-1", "q-2", "q-3", "q-4"]);
        pages.Count.ShouldBe(2);
        pages[^1].ContinuationToken.ShouldBeNull();

        await Should.ThrowAsync<InvalidOperationException>(() => host.Client.PurgeInstanceAsync("b-1", Ct));
        (await host.Client.PurgeInstanceAsync("q-0", Ct)).PurgedInstanceCount.ShouldBe(1);
        (await host.Client.PurgeAllInstancesAsync(new PurgeInstancesFilter(Statuses: [SdkStatus.Completed]), Ct)).PurgedInstanceCount.ShouldBe(4);
        (await host.Client.GetInstanceAsync("b-1", Ct)).ShouldNotBeNull();
        (await host.Client.PurgeInstanceAsync("q-1", Ct)).PurgedInstanceCount.ShouldBe(0);
    }
}

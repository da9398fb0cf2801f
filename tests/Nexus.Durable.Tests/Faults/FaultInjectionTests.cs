using Nexus.Durable.History;
using Nexus.Durable.InMemory;
using Nexus.Durable.Storage;
using Nexus.Durable.Testing;
using Nexus.Durable.Tests.Support;
using Shouldly;
using Xunit;
using SdkStatus = Microsoft.DurableTask.Client.OrchestrationRuntimeStatus;
using StartOrchestrationOptions = Microsoft.DurableTask.StartOrchestrationOptions;

namespace Nexus.Durable.Tests.Faults;

public sealed class FaultInjectionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<IDurableStore> CreateStoreAsync(string backend, TempDatabase db) =>
        backend == "sqlite" ? await db.OpenAsync() : new InMemoryDurableStore();

    [Theory]
    [InlineData("memory")]
    [InlineData("sqlite")]
    public async Task Checkpoint_CommitFailsOnce_WorkItemIsRetriedAndHistoryHasNoDuplicates(string backend)
    {
        await using var db = new TempDatabase();
        var faulty = new FaultyStore(await CreateStoreAsync(backend, db));
        var failedOnce = 0;
        faulty.FailCheckpoint = cp => cp.NewHistory.Any(e => e.Kind == EventKind.TaskScheduled && e.TaskId == 2) && Interlocked.Exchange(ref failedOnce, 1) == 0;
        var executions = 0;
        await using var host = await DurableTestHost.StartAsync(
            r => r
                .AddTaskActivityFunc<int, int>("Count", (_, x) => Task.FromResult(x + Interlocked.Increment(ref executions) * 0))
                .AddTaskOrchestratorFunc<int, int>("Five", async (ctx, x) =>
                {
                    for (var i = 0; i < 5; i++)
                    {
                        x = await ctx.CallActivityAsync<int>("Count", x + 1);
                    }

                    return x;
                }),
            store: faulty,
            cancellationToken: Ct);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Five", 0, Ct);
        var result = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Ct);
        var history = await host.Store.GetHistoryAsync(id, Ct);

        faulty.FailedCheckpoints.ShouldBe(1);
        result.ReadOutputAs<int>().ShouldBe(5);
        var scheduled = history.Where(e => e.Kind == EventKind.TaskScheduled).Select(e => e.TaskId).ToList();
        scheduled.ShouldBe([0, 1, 2, 3, 4]);
        history.Where(e => e.Kind == EventKind.TaskCompleted).Select(e => e.TaskId).ShouldBe([0, 1, 2, 3, 4]);
        executions.ShouldBe(5);
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("sqlite")]
    public async Task Activity_RecordingTheResultFailsTwice_ResultIsRecordedWithoutRunningTheActivityAgain(string backend)
    {
        await using var db = new TempDatabase();
        var faulty = new FaultyStore(await CreateStoreAsync(backend, db));
        var failures = 0;
        faulty.FailCompletion = _ => Interlocked.Increment(ref failures) <= 2;
        var executions = 0;
        await using var host = await DurableTestHost.StartAsync(
            r => r
                .AddTaskActivityFunc<int, int>("Expensive", (_, x) => Task.FromResult(x + Interlocked.Increment(ref executions) * 0))
                .AddTaskOrchestratorFunc<int, int>("Run", (ctx, x) => ctx.CallActivityAsync<int>("Expensive", x)),
            store: faulty,
            cancellationToken: Ct);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Run", 7, Ct);
        var result = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Ct);

        result.RuntimeStatus.ShouldBe(SdkStatus.Completed);
        result.ReadOutputAs<int>().ShouldBe(7);
        faulty.FailedCompletions.ShouldBe(2);
        executions.ShouldBe(1, "the computed result was kept and recorded on a later attempt");
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("sqlite")]
    public async Task Activity_CompletionAlwaysFails_IsParkedAsPoisonAndOthersKeepFlowing(string backend)
    {
        await using var db = new TempDatabase();
        var faulty = new FaultyStore(await CreateStoreAsync(backend, db));
        faulty.FailCompletion = item => item.Request.Name == "Doomed";
        await using var host = await DurableTestHost.StartAsync(
            r => r
                .AddTaskActivityFunc<int, int>("Doomed", (_, x) => Task.FromResult(x))
                .AddTaskActivityFunc<int, int>("Fine", (_, x) => Task.FromResult(x))
                .AddTaskOrchestratorFunc<string, int>("Run", (ctx, name) => ctx.CallActivityAsync<int>(name, 1)),
            o => o.MaxDequeueCount = 3,
            store: faulty,
            cancellationToken: Ct);

        var doomed = await host.Client.ScheduleNewOrchestrationInstanceAsync("Run", "Doomed", Ct);
        var fine = await host.Client.ScheduleNewOrchestrationInstanceAsync("Run", "Fine", Ct);
        var failed = await host.Client.WaitForInstanceCompletionAsync(doomed, Ct);
        var completed = await host.Client.WaitForInstanceCompletionAsync(fine, Ct);

        completed.RuntimeStatus.ShouldBe(SdkStatus.Completed);
        failed.RuntimeStatus.ShouldBe(SdkStatus.Failed);
        var activityFailure = failed.FailureDetails!.InnerFailure!;
        activityFailure.ErrorMessage.ShouldContain("parked as poison after 3 attempts");
        activityFailure.ErrorMessage.ShouldContain("injected: activity completion commit failed");
        faulty.FailedCompletions.ShouldBe(3 * 4, "each of the 3 dequeues tries to record the result 4 times");
        var poison = await host.Store.GetPoisonAsync(Ct);
        poison.ShouldContain(p => p.InstanceId == doomed && p.WorkType == "activity" && p.Name == "Doomed");
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("sqlite")]
    public async Task Orchestration_CheckpointAlwaysFails_InstanceFailsWithReasonAndOthersKeepFlowing(string backend)
    {
        await using var db = new TempDatabase();
        var faulty = new FaultyStore(await CreateStoreAsync(backend, db));
        faulty.FailCheckpoint = cp => cp.WorkItem.Instance.InstanceId == "stuck";
        await using var host = await DurableTestHost.StartAsync(
            r => r.AddTaskOrchestratorFunc<int, int>("Echo", (_, x) => Task.FromResult(x)),
            o => o.MaxDequeueCount = 4,
            store: faulty,
            cancellationToken: Ct);

        await host.Client.ScheduleNewOrchestrationInstanceAsync("Echo", 1, new StartOrchestrationOptions("stuck"), Ct);
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Echo", 2, new StartOrchestrationOptions("flowing"), Ct);
        var stuck = await host.Client.WaitForInstanceCompletionAsync("stuck", Ct);
        var flowing = await host.Client.WaitForInstanceCompletionAsync("flowing", Ct);

        flowing.RuntimeStatus.ShouldBe(SdkStatus.Completed);
        stuck.RuntimeStatus.ShouldBe(SdkStatus.Failed);
        stuck.FailureDetails!.ErrorMessage.ShouldBe(
            "The orchestration work item of 'stuck' ('Echo') was parked as poison after 4 attempts (limit 4): IOException: injected: checkpoint commit failed");
        faulty.FailedCheckpoints.ShouldBe(4);
    }
}

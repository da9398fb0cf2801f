using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;
using Nexus.Durable.Client;
using Nexus.Durable.History;
using Nexus.Durable.Registry;
using Nexus.Durable.Sdk;
using Nexus.Durable.Storage;
using Nexus.Durable.Testing;
using Nexus.Durable.Tests.Client;
using Nexus.Durable.Tests.Support;
using Shouldly;
using Xunit;
using SdkStatus = Microsoft.DurableTask.Client.OrchestrationRuntimeStatus;

namespace Nexus.Durable.Tests.Entities;

/// <summary>Critical sections (<c>context.Entities.LockEntitiesAsync</c>): locks acquired in the SDK's order, requests of
/// others deferred while locked and run after the release, locks kept across a worker restart and released when an
/// orchestration ends inside its critical section.</summary>
public sealed class EntityLockTests
{
    private const string Go = "go";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static void Register(DurableRegistry r) => r
        .AddTaskEntity<Counter>()
        .AddTaskOrchestratorFunc<string, string>("LockTwo", async (ctx, key) =>
        {
            var b = new EntityInstanceId(nameof(Counter), key + "-b");
            var a = new EntityInstanceId(nameof(Counter), key + "-a");
            await using (await ctx.Entities.LockEntitiesAsync(b, a))
            {
                ctx.Entities.InCriticalSection(out var locked).ShouldBeTrue();
                await ctx.Entities.CallEntityAsync(a, nameof(Counter.Add), 1);
                await ctx.Entities.CallEntityAsync(b, nameof(Counter.Add), 2);
                var valueA = await ctx.Entities.CallEntityAsync<int>(a, nameof(Counter.Get));
                var valueB = await ctx.Entities.CallEntityAsync<int>(b, nameof(Counter.Get));
                return $"{valueA}+{valueB} locked {string.Join(",", locked!.Select(e => e.Key).Order(StringComparer.Ordinal))}";
            }
        })
        .AddTaskOrchestratorFunc<string, int>("ReadWaitWrite", async (ctx, key) =>
        {
            var counter = new EntityInstanceId(nameof(Counter), key);
            await using (await ctx.Entities.LockEntitiesAsync(counter))
            {
                var value = await ctx.Entities.CallEntityAsync<int>(counter, nameof(Counter.Get));
                await ctx.CreateTimer(ctx.CurrentUtcDateTime.AddMilliseconds(50), CancellationToken.None);
                await ctx.Entities.CallEntityAsync(counter, nameof(Counter.Set), value + 1);
                return value;
            }
        })
        .AddTaskOrchestratorFunc<string, string>("LockWaitForGo", async (ctx, key) =>
        {
            var counter = new EntityInstanceId(nameof(Counter), key);
            await using (await ctx.Entities.LockEntitiesAsync(counter))
            {
                await ctx.Entities.CallEntityAsync(counter, nameof(Counter.Add), 1);
                var word = await ctx.WaitForExternalEvent<string>(Go);
                await ctx.Entities.CallEntityAsync(counter, nameof(Counter.Add), 2);
                return word;
            }
        })
        .AddTaskOrchestratorFunc<string, string>("ReturnsInsideLock", async (ctx, key) =>
        {
            var counter = new EntityInstanceId(nameof(Counter), key);
            var handle = await ctx.Entities.LockEntitiesAsync(counter);
            await ctx.Entities.CallEntityAsync(counter, nameof(Counter.Add), 1);
            return handle is null ? "no lock" : "kept the lock";
        })
        .AddTaskOrchestratorFunc<string, string>("FailsInsideLock", async (ctx, key) =>
        {
            var counter = new EntityInstanceId(nameof(Counter), key);
            await using (await ctx.Entities.LockEntitiesAsync(counter))
            {
                await ctx.Entities.CallEntityAsync(counter, nameof(Counter.Add), 1);
                throw new InvalidOperationException("failed inside the critical section");
            }
        });

    [Fact]
    public async Task LockEntitiesAsync_TwoEntities_CallsInsideReturnResultsAndBothAreReleased()
    {
        await using var host = await DurableTestHost.StartAsync(Register, cancellationToken: Ct);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("LockTwo", "two", Ct);
        var result = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Ct);

        result.RuntimeStatus.ShouldBe(SdkStatus.Completed, result.FailureDetails?.ErrorMessage);
        result.ReadOutputAs<string>().ShouldBe("1+2 locked two-a,two-b");
        await WaitForUnlockedAsync(host.Store, "@counter@two-a");
        await WaitForUnlockedAsync(host.Store, "@counter@two-b");
        var a = await host.Client.Entities.GetEntityAsync<CounterState>(new EntityInstanceId("counter", "two-a"), cancellation: Ct);
        a!.LockedBy.ShouldBeNull();
        a.State.Log.ShouldBe([1]);

        // The history the runner replays: the lock request is the SDK's own SendEvent (to the first entity of the sorted
        // lock set), the grant an EntityLockGranted named by the critical section id, the releases SendEvents too.
        var history = await host.Store.GetHistoryAsync(id, Ct);
        var request = history.First(e => e.Kind == EventKind.EventSent);
        request.Name.ShouldBe("op");
        request.InstanceId.ShouldBe("@counter@two-a");
        request.Data!.ShouldContain("\"lockset\":[{\"name\":\"counter\",\"key\":\"two-a\"},{\"name\":\"counter\",\"key\":\"two-b\"}]");
        var granted = history.Single(e => e.Kind == EventKind.EntityLockGranted);
        granted.InstanceId.ShouldBe("@counter@two-b");
        request.Data!.ShouldContain($"\"id\":\"{granted.RequestId}\"");
        history.Where(e => e is { Kind: EventKind.EventSent, Name: "release" }).Select(e => e.InstanceId).ShouldBe(["@counter@two-a", "@counter@two-b"]);
    }

    [Fact]
    public async Task LockEntitiesAsync_OrchestrationsLockingTheSameEntity_CriticalSectionsDoNotInterleave()
    {
        await using var host = await DurableTestHost.StartAsync(Register, cancellationToken: Ct);

        // Each critical section reads the value, waits on a durable timer and writes value + 1: without mutual exclusion
        // the sections interleave and updates are lost.
        var ids = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add(await host.Client.ScheduleNewOrchestrationInstanceAsync("ReadWaitWrite", "shared", Ct));
        }

        var read = new List<int>();
        foreach (var id in ids)
        {
            var result = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Ct);
            result.RuntimeStatus.ShouldBe(SdkStatus.Completed, result.FailureDetails?.ErrorMessage);
            read.Add(result.ReadOutputAs<int>());
        }

        read.Order().ShouldBe([0, 1, 2, 3]);
        await WaitForUnlockedAsync(host.Store, "@counter@shared");
        var state = (await host.Client.Entities.GetEntityAsync<CounterState>(new EntityInstanceId("counter", "shared"), cancellation: Ct))!.State;
        state.Value.ShouldBe(4);
        state.Log.ShouldBe([1, 2, 3, 4]);
    }

    [Fact]
    public async Task SignalEntityAsync_WhileLocked_IsDeferredAndAppliedAfterTheReleaseInOrder()
    {
        await using var host = await DurableTestHost.StartAsync(Register, cancellationToken: Ct);
        var counter = new EntityInstanceId(nameof(Counter), "deferred");

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("LockWaitForGo", "deferred", Ct);
        await WaitForLogAsync(host.Store, "@counter@deferred", 1);
        await host.Client.Entities.SignalEntityAsync(counter, nameof(Counter.Add), 100, cancellation: Ct);
        await host.Client.Entities.SignalEntityAsync(counter, nameof(Counter.Add), 200, cancellation: Ct);

        await StoreWait.UntilAsync(
            host.Store, "@counter@deferred", r => EntitySchedulerState.Parse(r?.CustomStatus).Queue.Count == 2, "two signals deferred", Ct);
        var locked = await host.Client.Entities.GetEntityAsync<CounterState>(counter, cancellation: Ct);
        locked!.LockedBy.ShouldBe(id);
        locked.BacklogQueueSize.ShouldBe(2);
        locked.State.Log.ShouldBe([1]);

        await host.Client.RaiseEventAsync(id, Go, "went", Ct);
        var result = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Ct);

        result.ReadOutputAs<string>().ShouldBe("went");
        await WaitForLogAsync(host.Store, "@counter@deferred", 4);
        var after = await host.Client.Entities.GetEntityAsync<CounterState>(counter, cancellation: Ct);
        after!.State.Log.ShouldBe([1, 2, 100, 200]);
        after.LockedBy.ShouldBeNull();
        after.BacklogQueueSize.ShouldBe(0);
    }

    [Fact]
    public async Task LockEntitiesAsync_WorkerRestartsInsideTheCriticalSection_NewWorkerContinuesAndReleases()
    {
        await using var database = new TempDatabase();
        var counter = new EntityInstanceId(nameof(Counter), "restart");
        string id;
        await using (var first = await DurableTestHost.StartAsync(Register, store: await database.OpenAsync(), cancellationToken: Ct))
        {
            id = await first.Client.ScheduleNewOrchestrationInstanceAsync("LockWaitForGo", "restart", Ct);
            await WaitForLogAsync(first.Store, "@counter@restart", 1);
            await first.Client.Entities.SignalEntityAsync(counter, nameof(Counter.Add), 100, cancellation: Ct);
            await StoreWait.UntilAsync(
                first.Store, "@counter@restart", r => EntitySchedulerState.Parse(r?.CustomStatus).Queue.Count == 1, "the signal deferred", Ct);
        }

        // The new worker replays the critical section's history (the lock request as EventSent, the grant) and the entity
        // still holds the lock and the deferred signal.
        await using var second = await DurableTestHost.StartAsync(Register, store: await database.OpenAsync(), cancellationToken: Ct);
        (await second.Client.Entities.GetEntityAsync<CounterState>(counter, cancellation: Ct))!.LockedBy.ShouldBe(id);
        await second.Client.RaiseEventAsync(id, Go, "after restart", Ct);
        var result = await second.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Ct);

        result.RuntimeStatus.ShouldBe(SdkStatus.Completed, result.FailureDetails?.ErrorMessage);
        result.ReadOutputAs<string>().ShouldBe("after restart");
        await WaitForLogAsync(second.Store, "@counter@restart", 3);
        var after = await second.Client.Entities.GetEntityAsync<CounterState>(counter, cancellation: Ct);
        after!.State.Log.ShouldBe([1, 2, 100]);
        after.LockedBy.ShouldBeNull();
    }

    [Theory]
    [InlineData("ReturnsInsideLock", SdkStatus.Completed)]
    [InlineData("FailsInsideLock", SdkStatus.Failed)]
    public async Task Orchestration_EndsInsideTheCriticalSection_LockIsReleased(string orchestrator, SdkStatus status)
    {
        await using var host = await DurableTestHost.StartAsync(Register, cancellationToken: Ct);
        var key = "ends-" + orchestrator;
        var counter = new EntityInstanceId(nameof(Counter), key);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(orchestrator, key, Ct);
        var result = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Ct);
        result.RuntimeStatus.ShouldBe(status);

        // The SDK releases the locks when the orchestrator returns or throws inside a critical section: a signal from
        // outside and a new critical section both get through.
        await host.Client.Entities.SignalEntityAsync(counter, nameof(Counter.Add), 5, cancellation: Ct);
        var next = await host.Client.ScheduleNewOrchestrationInstanceAsync("ReadWaitWrite", key, Ct);
        var nextResult = await host.Client.WaitForInstanceCompletionAsync(next, getInputsAndOutputs: true, Ct);
        nextResult.ReadOutputAs<int>().ShouldBe(6);
        await WaitForUnlockedAsync(host.Store, "@" + "counter@" + key);
        var state = (await host.Client.Entities.GetEntityAsync<CounterState>(counter, cancellation: Ct))!.State;
        state.Log.ShouldBe([1, 5, 7]);
    }

    [Fact]
    public async Task CleanEntityStorageAsync_HolderTerminatedInsideTheCriticalSection_ReleasesTheOrphanedLock()
    {
        await using var host = await DurableTestHost.StartAsync(Register, cancellationToken: Ct);
        var counter = new EntityInstanceId(nameof(Counter), "orphan");
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("LockWaitForGo", "orphan", Ct);
        await WaitForLogAsync(host.Store, "@counter@orphan", 1);
        await host.Client.Entities.SignalEntityAsync(counter, nameof(Counter.Add), 100, cancellation: Ct);
        await StoreWait.UntilAsync(
            host.Store, "@counter@orphan", r => EntitySchedulerState.Parse(r?.CustomStatus).Queue.Count == 1, "the signal deferred", Ct);

        // A terminated orchestration never runs again, so nothing releases its locks but the entity storage clean-up.
        await host.Client.TerminateInstanceAsync(id, "stop", Ct);
        (await host.Client.WaitForInstanceCompletionAsync(id, Ct)).RuntimeStatus.ShouldBe(SdkStatus.Terminated);
        (await host.Client.Entities.GetEntityAsync<CounterState>(counter, cancellation: Ct))!.LockedBy.ShouldBe(id);

        var cleaned = await host.Client.Entities.CleanEntityStorageAsync(cancellation: Ct);

        cleaned.OrphanedLocksReleased.ShouldBe(1);
        await WaitForLogAsync(host.Store, "@counter@orphan", 2);
        await WaitForUnlockedAsync(host.Store, "@counter@orphan");
        (await host.Client.Entities.GetEntityAsync<CounterState>(counter, cancellation: Ct))!.State.Log.ShouldBe([1, 100]);
        (await host.Client.Entities.CleanEntityStorageAsync(cancellation: Ct)).OrphanedLocksReleased.ShouldBe(0);
    }

    private static Task<InstanceRecord?> WaitForLogAsync(IDurableStore store, string entityId, int count) =>
        StoreWait.UntilAsync(
            store,
            entityId,
            r => r?.Output is { } json && NexusDurableTaskClient.DefaultDataConverter.Deserialize<CounterState>(json)!.Log.Count >= count,
            $"{count} operations applied",
            Ct);

    private static Task<InstanceRecord?> WaitForUnlockedAsync(IDurableStore store, string entityId) =>
        StoreWait.UntilAsync(store, entityId, r => r is not null && EntitySchedulerState.Parse(r.CustomStatus).IsEmpty, "the entity unlocked", Ct);
}

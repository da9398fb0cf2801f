using Nexus.Durable.History;
using Nexus.Durable.Storage;
using Shouldly;
using Xunit;

namespace Nexus.Durable.StoreContract;

public abstract partial class DurableStoreContractTests
{
    // Far above any sensible payload threshold.
    private static readonly string Large = string.Concat(Enumerable.Repeat("{\"transcript\":\"lorem ipsum dolor\"}", 8_000));

    [Fact]
    public async Task Payloads_LargeValueUsedSeveralTimes_StoredOnceAndReadInFull()
    {
        await Store.CreateInstanceAsync(Instance("a", Large), Ct); // instance input + ExecutionStarted message
        var workItem = await LockSingleAsync();
        workItem.Instance.Input.ShouldBe(Large);
        workItem.Messages[0].Event.Data.ShouldBe(Large);

        await CheckpointAsync(
            workItem,
            history: [workItem.Messages[0].Event, Event(EventKind.TaskScheduled, 0, "Act", Large)],
            activities: [new ActivityRequest("a", "exec-a", 0, "Act", Large)]);

        var diagnostics = await Store.GetDiagnosticsAsync("a", Ct);
        diagnostics.Payloads.ShouldBe(1);
        diagnostics.PayloadBytes.ShouldBeInRange(Large.Length, Large.Length * 2L);
        diagnostics.HistoryEvents.ShouldBe(2);
        diagnostics.HistoryBytes.ShouldBeLessThan(Large.Length / 10);
        var history = await Store.GetHistoryAsync("a", Ct);
        history.Select(e => e.Data).ShouldBe([Large, Large]);
        (await Store.GetInstanceAsync("a", Ct)).ShouldNotBeNull().Input.ShouldBe(Large);
        (await LockSingleActivityAsync()).Request.Input.ShouldBe(Large);
    }

    [Fact]
    public async Task Payloads_LargeMessageAndOutput_ReadInFull()
    {
        await StartAsync("a");
        await Store.SendMessagesAsync([new OrchestrationMessage("a", Raised("big", Large))], Ct);
        var workItem = await LockSingleAsync();
        workItem.Messages.ShouldHaveSingleItem().Event.Data.ShouldBe(Large);

        await Store.CheckpointAsync(
            new OrchestrationCheckpoint
            {
                WorkItem = workItem,
                NewHistory = [workItem.Messages[0].Event],
                Update = new InstanceUpdate { RuntimeStatus = OrchestrationRuntimeStatus.Completed, Output = Large, CustomStatus = Large },
            },
            Ct);

        var record = (await Store.GetInstanceAsync("a", Ct)).ShouldNotBeNull();
        record.Output.ShouldBe(Large);
        record.CustomStatus.ShouldBe(Large);
        (await Store.GetDiagnosticsAsync("a", Ct)).Payloads.ShouldBe(1);
        (await Store.GetHistoryAsync("a", Ct))[^1].Data.ShouldBe(Large);
    }

    [Fact]
    public async Task Payloads_ContinueAsNew_LargeValuesStillInUseSurvive()
    {
        var status = Large + "status";
        var pending = Large + "event";
        await Store.CreateInstanceAsync(Instance("a"), Ct);
        var first = await LockSingleAsync();
        await Store.CheckpointAsync(
            new OrchestrationCheckpoint
            {
                WorkItem = first,
                NewHistory = [first.Messages[0].Event, Event(EventKind.TaskScheduled, 0, "Act", Large)],
                Update = new InstanceUpdate { RuntimeStatus = OrchestrationRuntimeStatus.Running, CustomStatus = status },
            },
            Ct);
        await Store.SendMessagesAsync([new OrchestrationMessage("a", Raised("go"))], Ct);
        var second = await LockSingleAsync();
        await Store.SendMessagesAsync([new OrchestrationMessage("a", Raised("carried over", pending))], Ct); // arrives mid-episode

        await Store.CheckpointAsync(
            new OrchestrationCheckpoint
            {
                WorkItem = second,
                ReplaceHistory = true,
                NewHistory = [new HistoryEvent { Kind = EventKind.ExecutionStarted, Name = "Orchestration", ExecutionId = "exec-2", Data = "\"small\"" }],
                Update = new InstanceUpdate { RuntimeStatus = OrchestrationRuntimeStatus.Running, ExecutionId = "exec-2", Input = "\"small\"" },
            },
            Ct);

        (await Store.GetInstanceAsync("a", Ct)).ShouldNotBeNull().CustomStatus.ShouldBe(status);
        (await LockSingleAsync()).Messages.ShouldHaveSingleItem().Event.Data.ShouldBe(pending);
        (await Store.GetDiagnosticsAsync("a", Ct)).Payloads.ShouldBe(2); // the old history's value is gone
    }
}

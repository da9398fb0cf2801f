using Nexus.Durable.History;
using Nexus.Durable.Storage;
using Shouldly;
using Xunit;

namespace Nexus.Durable.StoreContract;

public abstract partial class DurableStoreContractTests
{
    [Fact]
    public async Task CheckpointAsync_TwoEpisodes_AppendsHistoryAtHistoryCount()
    {
        await Store.CreateInstanceAsync(Instance("a"), Ct);
        var first = await LockSingleAsync();
        await CheckpointAsync(first, history: [Event(EventKind.OrchestratorStarted), first.Messages[0].Event, Event(EventKind.TaskScheduled, 0, "Act")]);
        await Store.SendMessagesAsync([new OrchestrationMessage("a", Event(EventKind.TaskCompleted, 0, data: "42"))], Ct);

        var second = await LockSingleAsync();
        second.HistoryCount.ShouldBe(3);
        await CheckpointAsync(second, history: [Event(EventKind.OrchestratorStarted), second.Messages[0].Event]);

        (await Store.GetHistoryAsync("a", Ct)).Select(e => e.Kind).ShouldBe(
        [
            EventKind.OrchestratorStarted, EventKind.ExecutionStarted, EventKind.TaskScheduled,
            EventKind.OrchestratorStarted, EventKind.TaskCompleted,
        ]);
        (await Store.GetDiagnosticsAsync("a", Ct)).HistoryEvents.ShouldBe(5);
    }

    [Fact]
    public async Task CheckpointAsync_MessageArrivedWhileLocked_KeptForNextEpisode()
    {
        await Store.CreateInstanceAsync(Instance("a"), Ct);
        var workItem = await LockSingleAsync();
        await Store.SendMessagesAsync([new OrchestrationMessage("a", Raised("during"))], Ct);

        await CheckpointAsync(workItem);

        var next = await LockSingleAsync();
        next.Messages.ShouldHaveSingleItem().Event.Name.ShouldBe("during");
        next.HistoryCount.ShouldBe(1);
    }

    [Fact]
    public async Task CheckpointAsync_Released_AnotherOwnerCanLockNextWork()
    {
        await Store.CreateInstanceAsync(Instance("a"), Ct);
        await CheckpointAsync(await LockSingleAsync("w1"));
        await Store.SendMessagesAsync([new OrchestrationMessage("a", Raised("e"))], Ct);

        (await LockSingleAsync("w2")).LockOwner.ShouldBe("w2");
    }

    [Fact]
    public async Task CheckpointAsync_Outputs_EnqueuesActivitiesMessagesAndSubOrchestrations()
    {
        await StartAsync("other");
        await Store.CreateInstanceAsync(Instance("a"), Ct);
        var workItem = (await Store.LockInstancesAsync(Request(), Ct)).Items.Single(i => i.Instance.InstanceId == "a");
        var child = new NewInstance
        {
            InstanceId = "a:child",
            Name = "Child",
            ExecutionId = "exec-child",
            Input = "\"child input\"",
            Parent = new ParentInstance("a", "exec-a", 2),
        };

        await CheckpointAsync(
            workItem,
            activities: [new ActivityRequest("a", "exec-a", 1, "Act", "\"x\"")],
            messages: [new OrchestrationMessage("other", Raised("hello", "\"hi\""))],
            subOrchestrations: [child]);

        var activity = await LockSingleActivityAsync();
        activity.Request.ShouldBe(new ActivityRequest("a", "exec-a", 1, "Act", "\"x\""));
        var childRecord = (await Store.GetInstanceAsync("a:child", Ct)).ShouldNotBeNull();
        childRecord.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Pending);
        childRecord.Parent.ShouldBe(child.Parent);
        childRecord.Input.ShouldBe("\"child input\"");
        var locked = (await Store.LockInstancesAsync(Request(), Ct)).Items.ToDictionary(i => i.Instance.InstanceId);
        locked.Keys.Order(StringComparer.Ordinal).ShouldBe(["a:child", "other"]);
        locked["other"].Messages.ShouldHaveSingleItem().Event.Data.ShouldBe("\"hi\"");
        locked["a:child"].Messages.ShouldHaveSingleItem().Event.Kind.ShouldBe(EventKind.ExecutionStarted);
    }

    [Fact]
    public async Task CheckpointAsync_SubOrchestrationIdActive_ParentGetsSubOrchestrationInstanceFailed()
    {
        await StartAsync("busy");
        await StartAsync("parent");
        await Store.SendMessagesAsync([new OrchestrationMessage("parent", Raised("go"))], Ct);
        var workItem = await LockSingleAsync();
        var child = Instance("busy") with { Parent = new ParentInstance("parent", "exec-parent", 4) };

        await CheckpointAsync(workItem, subOrchestrations: [child]);

        (await Store.GetInstanceAsync("busy", Ct)).ShouldNotBeNull().RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Running);
        (await Store.GetHistoryAsync("busy", Ct)).Count.ShouldBe(1);
        var parent = await LockSingleAsync();
        parent.Instance.InstanceId.ShouldBe("parent");
        var failed = parent.Messages.ShouldHaveSingleItem();
        failed.Event.Kind.ShouldBe(EventKind.SubOrchestrationInstanceFailed);
        failed.Event.TaskId.ShouldBe(4);
        failed.Event.Failure.ShouldNotBeNull();
        failed.ExecutionId.ShouldBe("exec-parent");
    }

    [Fact]
    public async Task CheckpointAsync_LeaseExpiredAndTakenByOther_ThrowsLeaseLostAndWritesNothing()
    {
        await Store.CreateInstanceAsync(Instance("a"), Ct);
        var stale = await LockSingleAsync("w1");
        Clock.Advance(Lease + TimeSpan.FromSeconds(1));
        var current = await LockSingleAsync("w2");

        await Should.ThrowAsync<LeaseLostException>(() => CheckpointAsync(stale, activities: [new ActivityRequest("a", "exec-a", 0, "Act", null)]));

        (await Store.GetHistoryAsync("a", Ct)).ShouldBeEmpty();
        (await Store.LockActivitiesAsync(Request(), Ct)).Items.ShouldBeEmpty();
        await CheckpointAsync(current);
        (await Store.GetHistoryAsync("a", Ct)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task CheckpointAsync_ExistingHistoryPosition_FailsAndLeavesNothingPartial()
    {
        await Store.CreateInstanceAsync(Instance("a"), Ct);
        var first = await LockSingleAsync();
        await CheckpointAsync(first, history: [first.Messages[0].Event, Event(EventKind.TaskScheduled, 0, "Act")]);
        await Store.SendMessagesAsync([new OrchestrationMessage("a", Raised("e"))], Ct);
        var second = await LockSingleAsync();
        second.HistoryCount.ShouldBe(2);

        // A writer with a stale view of the history (position 1 already exists).
        var stale = second with { HistoryCount = 1 };
        var ex = await Should.ThrowAsync<Exception>(() => CheckpointAsync(
            stale,
            history: [Event(EventKind.OrchestratorStarted), second.Messages[0].Event],
            activities: [new ActivityRequest("a", "exec-a", 5, "Act", null)],
            messages: [new OrchestrationMessage("a", Raised("self"))],
            status: OrchestrationRuntimeStatus.Completed));
        ex.ShouldBeAssignableTo<DurableException>();

        (await Store.GetHistoryAsync("a", Ct)).Select(e => e.Kind).ShouldBe([EventKind.ExecutionStarted, EventKind.TaskScheduled]);
        var diagnostics = await Store.GetDiagnosticsAsync("a", Ct);
        diagnostics.PendingActivities.ShouldBe(0);
        diagnostics.PendingMessages.ShouldBe(1); // not consumed
        (await Store.GetInstanceAsync("a", Ct)).ShouldNotBeNull().RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Running);

        await CheckpointAsync(second, history: [second.Messages[0].Event]); // the real owner's view still commits
        (await Store.GetHistoryAsync("a", Ct)).Count.ShouldBe(3);
    }

    [Fact]
    public async Task CheckpointAsync_ReplaceHistory_StartsNewExecution()
    {
        await Store.CreateInstanceAsync(Instance("a"), Ct);
        var first = await LockSingleAsync();
        await CheckpointAsync(first, history: [first.Messages[0].Event, Event(EventKind.TaskScheduled, 0, "Act"), Event(EventKind.TaskCompleted, 0)]);
        await Store.SendMessagesAsync([new OrchestrationMessage("a", Raised("next"))], Ct);
        var second = await LockSingleAsync();
        var restarted = new HistoryEvent { Kind = EventKind.ExecutionStarted, Name = "Orchestration", ExecutionId = "exec-2", Data = "\"round 2\"" };

        await Store.CheckpointAsync(
            new OrchestrationCheckpoint
            {
                WorkItem = second,
                ReplaceHistory = true,
                NewHistory = [restarted],
                Update = new InstanceUpdate { RuntimeStatus = OrchestrationRuntimeStatus.Running, ExecutionId = "exec-2", Input = "\"round 2\"" },
            },
            Ct);

        (await Store.GetHistoryAsync("a", Ct)).ShouldBe([restarted]);
        var record = (await Store.GetInstanceAsync("a", Ct)).ShouldNotBeNull();
        record.ExecutionId.ShouldBe("exec-2");
        record.Input.ShouldBe("\"round 2\"");
        await Store.SendMessagesAsync([new OrchestrationMessage("a", Raised("again"))], Ct);
        (await LockSingleAsync()).HistoryCount.ShouldBe(1);
    }

    [Fact]
    public async Task CheckpointAsync_TerminalStatus_LaterMessagesDropped()
    {
        await Store.CreateInstanceAsync(Instance("a"), Ct);
        var workItem = await LockSingleAsync();
        await CheckpointAsync(workItem, OrchestrationRuntimeStatus.Completed, output: "\"result\"");

        await Store.SendMessagesAsync([new OrchestrationMessage("a", Raised("late"))], Ct);

        var record = (await Store.GetInstanceAsync("a", Ct)).ShouldNotBeNull();
        record.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
        record.Output.ShouldBe("\"result\"");
        record.CompletedTime.ShouldBe(Clock.GetUtcNow());
        (await Store.LockInstancesAsync(Request(), Ct)).Items.ShouldBeEmpty();
    }
}

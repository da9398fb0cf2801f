using Nexus.Durable.History;
using Nexus.Durable.Storage;
using Shouldly;
using Xunit;

namespace Nexus.Durable.StoreContract;

public abstract partial class DurableStoreContractTests
{
    [Fact]
    public async Task LockActivitiesAsync_Queued_ReturnsRequestWithLease()
    {
        var activity = await ScheduleActivityAsync("a", "w1", "{\"n\":3}");

        activity.Request.ShouldBe(new ActivityRequest("a", "exec-a", 0, "Act", "{\"n\":3}"));
        activity.LockOwner.ShouldBe("w1");
        activity.LockedUntil.ShouldBe(Clock.GetUtcNow() + Lease);
        activity.DequeueCount.ShouldBe(1);
        activity.LastError.ShouldBeNull();
        (await Store.GetDiagnosticsAsync("a", Ct)).PendingActivities.ShouldBe(1);
    }

    [Fact]
    public async Task GetDiagnosticsAsync_LeasedActivity_NamesTheHolderAndExpiryEvenAfterItLapsesUntilReleased()
    {
        var first = await ScheduleActivityAsync("a", "w1");
        var until = Clock.GetUtcNow() + Lease;

        var leased = await Store.GetDiagnosticsAsync("a", Ct);
        (leased.LeaseOwner, leased.LeasedUntil, leased.PendingActivities).ShouldBe(("w1", until, 1));

        // A killed worker never releases: its lapsed lease is still named, so a resuming process can say what it waits for.
        Clock.Advance(Lease * 2);
        var lapsed = await Store.GetDiagnosticsAsync("a", Ct);
        (lapsed.LeaseOwner, lapsed.LeasedUntil).ShouldBe(("w1", until));

        var second = await LockSingleActivityAsync("w2");
        second.Id.ShouldBe(first.Id);
        var taken = await Store.GetDiagnosticsAsync("a", Ct);
        (taken.LeaseOwner, taken.LeasedUntil).ShouldBe(("w2", Clock.GetUtcNow() + Lease));

        await Store.CompleteActivityAsync(second, new HistoryEvent { Kind = EventKind.TaskCompleted, TaskId = 0, Data = "\"ok\"", Timestamp = Clock.GetUtcNow() }, Ct);
        var released = await Store.GetDiagnosticsAsync("a", Ct);
        (released.LeaseOwner, released.LeasedUntil).ShouldBe((null, null));
    }

    [Fact]
    public async Task LockActivitiesAsync_Leased_InvisibleToOthersUntilExpiryThenDequeueCountGrows()
    {
        var first = await ScheduleActivityAsync("a", "w1");

        (await Store.LockActivitiesAsync(Request("w2"), Ct)).Items.ShouldBeEmpty();
        Clock.Advance(Lease - TimeSpan.FromSeconds(1));
        (await Store.LockActivitiesAsync(Request("w2"), Ct)).Items.ShouldBeEmpty();
        Clock.Advance(TimeSpan.FromSeconds(1));

        var second = await LockSingleActivityAsync("w2");
        second.Id.ShouldBe(first.Id);
        second.DequeueCount.ShouldBe(2);
    }

    [Fact]
    public async Task LockActivitiesAsync_MaxItems_Respected()
    {
        await Store.CreateInstanceAsync(Instance("a"), Ct);
        var workItem = await LockSingleAsync();
        await CheckpointAsync(workItem, activities: [.. Enumerable.Range(0, 5).Select(i => new ActivityRequest("a", "exec-a", i, "Act", null))]);

        var first = await Store.LockActivitiesAsync(Request("w1", 3), Ct);
        var second = await Store.LockActivitiesAsync(Request("w2", 3), Ct);

        first.Items.Count.ShouldBe(3);
        second.Items.Count.ShouldBe(2);
        first.Items.Concat(second.Items).Select(i => i.Request.TaskId).Order().ShouldBe([0, 1, 2, 3, 4]);
    }

    [Fact]
    public async Task CompleteActivityAsync_Owner_DeliversResultAndDeletesActivity()
    {
        var activity = await ScheduleActivityAsync("a");
        var result = new HistoryEvent { Kind = EventKind.TaskCompleted, TaskId = 0, Data = "\"ok\"", Timestamp = Clock.GetUtcNow() };

        await Store.CompleteActivityAsync(activity, result, Ct);

        (await Store.GetDiagnosticsAsync("a", Ct)).PendingActivities.ShouldBe(0);
        Clock.Advance(Lease * 2);
        (await Store.LockActivitiesAsync(Request("w2"), Ct)).Items.ShouldBeEmpty();
        var workItem = await LockSingleAsync();
        var message = workItem.Messages.ShouldHaveSingleItem();
        message.Event.ShouldBe(result);
        message.ExecutionId.ShouldBe("exec-a");
    }

    [Fact]
    public async Task CompleteActivityAsync_LeaseTakenByOther_ThrowsLeaseLostAndDeliversNothing()
    {
        var stale = await ScheduleActivityAsync("a", "w1");
        Clock.Advance(Lease);
        var current = await LockSingleActivityAsync("w2");

        await Should.ThrowAsync<LeaseLostException>(() => Store.CompleteActivityAsync(stale, Event(EventKind.TaskCompleted, 0, data: "\"stale\""), Ct).AsTask());

        (await Store.LockInstancesAsync(Request(), Ct)).Items.ShouldBeEmpty();
        await Store.CompleteActivityAsync(current, Event(EventKind.TaskCompleted, 0, data: "\"fresh\""), Ct);
        (await LockSingleAsync()).Messages.ShouldHaveSingleItem().Event.Data.ShouldBe("\"fresh\"");
    }

    [Fact]
    public async Task CompleteActivityAsync_AlreadyCompleted_ThrowsLeaseLost()
    {
        var activity = await ScheduleActivityAsync("a");
        await Store.CompleteActivityAsync(activity, Event(EventKind.TaskCompleted, 0), Ct);

        await Should.ThrowAsync<LeaseLostException>(() => Store.CompleteActivityAsync(activity, Event(EventKind.TaskCompleted, 0), Ct).AsTask());

        (await LockSingleAsync()).Messages.Count.ShouldBe(1);
    }

    [Fact]
    public async Task AbandonActivityAsync_Owner_ReleasesAndRecordsError()
    {
        var first = await ScheduleActivityAsync("a", "w1");

        await Store.AbandonActivityAsync(first, "transient", Ct);

        var second = await LockSingleActivityAsync("w2");
        second.Id.ShouldBe(first.Id);
        second.LastError.ShouldBe("transient");
        second.DequeueCount.ShouldBe(2);
    }

    [Fact]
    public async Task RenewActivityLeaseAsync_RunningOrchestration_ExtendsLease()
    {
        var activity = await ScheduleActivityAsync("a", "w1");
        Clock.Advance(TimeSpan.FromSeconds(50));

        (await Store.RenewActivityLeaseAsync(activity, Lease, Ct)).ShouldBe(LeaseStatus.Renewed);

        Clock.Advance(TimeSpan.FromSeconds(50));
        (await Store.LockActivitiesAsync(Request("w2"), Ct)).Items.ShouldBeEmpty();
        Clock.Advance(TimeSpan.FromSeconds(10));
        (await LockSingleActivityAsync("w2")).Id.ShouldBe(activity.Id);
    }

    [Fact]
    public async Task RenewActivityLeaseAsync_TakenByOther_ReturnsLost()
    {
        var stale = await ScheduleActivityAsync("a", "w1");
        Clock.Advance(Lease);
        await LockSingleActivityAsync("w2");

        (await Store.RenewActivityLeaseAsync(stale, Lease, Ct)).ShouldBe(LeaseStatus.Lost);
    }

    [Fact]
    public async Task RenewActivityLeaseAsync_OrchestrationTerminated_ReturnsInstanceEnded()
    {
        var activity = await ScheduleActivityAsync("a", "w1");
        await Store.SendMessagesAsync([new OrchestrationMessage("a", Event(EventKind.ExecutionTerminated, data: "\"stop\""))], Ct);
        await CheckpointAsync(await LockSingleAsync(), OrchestrationRuntimeStatus.Terminated);

        (await Store.RenewActivityLeaseAsync(activity, Lease, Ct)).ShouldBe(LeaseStatus.InstanceEnded);
    }

    [Fact]
    public async Task ParkActivityAsync_Owner_DeliversTaskFailedAndRecordsPoison()
    {
        var activity = await ScheduleActivityAsync("a", "w1");
        var failure = new FailureDetails("PoisonMessage", "activity dequeued 10 times");

        await Store.ParkActivityAsync(activity, failure, Ct);

        (await Store.GetDiagnosticsAsync("a", Ct)).PendingActivities.ShouldBe(0);
        var message = (await LockSingleAsync()).Messages.ShouldHaveSingleItem();
        message.Event.Kind.ShouldBe(EventKind.TaskFailed);
        message.Event.TaskId.ShouldBe(0);
        message.Event.Failure.ShouldNotBeNull().Message.ShouldBe("activity dequeued 10 times");
        message.ExecutionId.ShouldBe("exec-a");
        var poison = (await Store.GetPoisonAsync(Ct)).ShouldHaveSingleItem();
        poison.WorkType.ShouldBe("activity");
        poison.Name.ShouldBe("Act");
        poison.InstanceId.ShouldBe("a");
        poison.DequeueCount.ShouldBe(1);
        poison.Reason.ShouldContain("activity dequeued 10 times");
    }
}

using Nexus.Durable.History;
using Nexus.Durable.Storage;
using Shouldly;
using Xunit;

namespace Nexus.Durable.StoreContract;

public abstract partial class DurableStoreContractTests
{
    [Fact]
    public async Task CheckpointAsync_LockActivities_ReturnsFirstOnesLockedAndInvisibleUntilExpiry()
    {
        await Store.CreateInstanceAsync(Instance("a"), Ct);
        var workItem = await LockSingleAsync();
        ActivityRequest[] activities = [.. Enumerable.Range(0, 3).Select(i => new ActivityRequest("a", "exec-a", i, "Act", "{\"i\":" + i + "}"))];

        var result = await Store.CheckpointAsync(EpisodeWithActivities(workItem, activities, Request("w1", 2)), Ct);

        result.LockedActivities.Count.ShouldBe(2);
        result.LockedActivities.Select(a => a.Request).ShouldBe([activities[0], activities[1]]);
        result.LockedActivities.ShouldAllBe(a => a.LockOwner == "w1" && a.DequeueCount == 1 && a.LastError == null);
        result.LockedActivities.ShouldAllBe(a => a.LockedUntil == Clock.GetUtcNow() + Lease);
        var rest = await LockSingleActivityAsync("w2");
        rest.Request.ShouldBe(activities[2]);
        Clock.Advance(Lease - TimeSpan.FromSeconds(1));
        (await Store.LockActivitiesAsync(Request("w2"), Ct)).Items.ShouldBeEmpty();
        Clock.Advance(TimeSpan.FromSeconds(1));
        var retaken = await Store.LockActivitiesAsync(Request("w3"), Ct);
        retaken.Items.Select(a => a.Id).Order().ShouldBe(result.LockedActivities.Select(a => a.Id).Append(rest.Id).Order());
        retaken.Items.ShouldAllBe(a => a.DequeueCount == 2);
    }

    [Fact]
    public async Task CheckpointAsync_LockActivities_LockedActivityCompletesLikeAnyOther()
    {
        await Store.CreateInstanceAsync(Instance("a"), Ct);
        var workItem = await LockSingleAsync();
        var result = await Store.CheckpointAsync(EpisodeWithActivities(workItem, [new ActivityRequest("a", "exec-a", 0, "Act", "\"in\"")], Request("w1", 5)), Ct);
        var activity = result.LockedActivities.ShouldHaveSingleItem();

        (await Store.RenewActivityLeaseAsync(activity, Lease, Ct)).ShouldBe(LeaseStatus.Renewed);
        await Store.CompleteActivityAsync(activity, Event(EventKind.TaskCompleted, 0, data: "\"out\""), Ct);

        (await Store.GetDiagnosticsAsync("a", Ct)).PendingActivities.ShouldBe(0);
        (await LockSingleAsync()).Messages.ShouldHaveSingleItem().Event.Data.ShouldBe("\"out\"");
    }

    [Fact]
    public async Task CheckpointAsync_NoLockActivities_ReturnsNothingLocked()
    {
        await Store.CreateInstanceAsync(Instance("a"), Ct);
        var workItem = await LockSingleAsync();

        var result = await Store.CheckpointAsync(EpisodeWithActivities(workItem, [new ActivityRequest("a", "exec-a", 0, "Act", null)], null), Ct);

        result.LockedActivities.ShouldBeEmpty();
        (await LockSingleActivityAsync("w2")).DequeueCount.ShouldBe(1);
    }

    [Fact]
    public async Task CheckpointAsync_LockActivitiesLeaseLost_ThrowsAndQueuesNothing()
    {
        await Store.CreateInstanceAsync(Instance("a"), Ct);
        var stale = await LockSingleAsync("w1");
        Clock.Advance(Lease);
        await LockSingleAsync("w2");

        await Should.ThrowAsync<LeaseLostException>(
            () => Store.CheckpointAsync(EpisodeWithActivities(stale, [new ActivityRequest("a", "exec-a", 0, "Act", null)], Request("w1", 1)), Ct).AsTask());

        (await Store.GetDiagnosticsAsync("a", Ct)).PendingActivities.ShouldBe(0);
        (await Store.LockActivitiesAsync(Request("w3"), Ct)).Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task CompleteActivityAsync_LockInstanceFree_ReturnsEpisodeWithEveryVisibleMessage()
    {
        var activity = await ScheduleActivityAsync("a");
        await Store.SendMessagesAsync([new OrchestrationMessage("a", Raised("first"))], Ct);
        var result = Event(EventKind.TaskCompleted, 0, data: "\"ok\"");

        var episode = await Store.CompleteActivityAsync(activity, result, Request("w1", 1), Ct);

        episode.ShouldNotBeNull();
        episode.Instance.InstanceId.ShouldBe("a");
        episode.LockOwner.ShouldBe("w1");
        episode.LockedUntil.ShouldBe(Clock.GetUtcNow() + Lease);
        episode.HistoryCount.ShouldBe(2);
        episode.DequeueCount.ShouldBe(1);
        episode.Messages.Select(m => m.Event.Name ?? m.Event.Data).ShouldBe(["first", "\"ok\""]);
        episode.Messages[1].ExecutionId.ShouldBe("exec-a");
        (await Store.LockInstancesAsync(Request("w2"), Ct)).Items.ShouldBeEmpty();
        (await Store.GetDiagnosticsAsync("a", Ct)).PendingActivities.ShouldBe(0);

        await CheckpointAsync(episode);
        (await Store.GetHistoryAsync("a", Ct)).Count.ShouldBe(4);
    }

    [Fact]
    public async Task CompleteActivityAsync_LockInstanceHeldByOther_ReturnsNullAndQueuesResult()
    {
        var activity = await ScheduleActivityAsync("a");
        await Store.SendMessagesAsync([new OrchestrationMessage("a", Raised("first"))], Ct);
        var other = await LockSingleAsync("w2");

        var episode = await Store.CompleteActivityAsync(activity, Event(EventKind.TaskCompleted, 0, data: "\"ok\""), Request("w1", 1), Ct);

        episode.ShouldBeNull();
        await CheckpointAsync(other);
        (await LockSingleAsync("w3")).Messages.ShouldHaveSingleItem().Event.Data.ShouldBe("\"ok\"");
    }

    [Fact]
    public async Task CompleteActivityAsync_LockInstanceLeaseExpired_TakesItOver()
    {
        var activity = await ScheduleActivityAsync("a");
        await Store.SendMessagesAsync([new OrchestrationMessage("a", Raised("first"))], Ct);
        var stale = (await Store.LockInstancesAsync(new LockRequest("w2", 1, TimeSpan.FromSeconds(10)), Ct)).Items.ShouldHaveSingleItem();
        Clock.Advance(TimeSpan.FromSeconds(10));

        var episode = await Store.CompleteActivityAsync(activity, Event(EventKind.TaskCompleted, 0), Request("w1", 1), Ct);

        episode.ShouldNotBeNull().DequeueCount.ShouldBe(2);
        episode.Messages.Count.ShouldBe(2);
        await Should.ThrowAsync<LeaseLostException>(() => CheckpointAsync(stale));
        await CheckpointAsync(episode);
    }

    [Fact]
    public async Task CompleteActivityAsync_LockInstanceTerminated_ReturnsNull()
    {
        var activity = await ScheduleActivityAsync("a");
        await Store.SendMessagesAsync([new OrchestrationMessage("a", Event(EventKind.ExecutionTerminated, data: "\"stop\""))], Ct);
        await CheckpointAsync(await LockSingleAsync(), OrchestrationRuntimeStatus.Terminated);

        (await Store.CompleteActivityAsync(activity, Event(EventKind.TaskCompleted, 0), Request("w1", 1), Ct)).ShouldBeNull();

        (await Store.LockInstancesAsync(Request("w2"), Ct)).Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task CompleteActivityAsync_LockInstanceOfOtherKind_ReturnsNullAndQueuesResult()
    {
        var activity = await ScheduleActivityAsync("a");

        (await Store.CompleteActivityAsync(activity, Event(EventKind.TaskCompleted, 0), Request("w1", 1, InstanceKind.Entity), Ct)).ShouldBeNull();

        (await LockSingleAsync("w2")).Messages.ShouldHaveSingleItem().Event.Kind.ShouldBe(EventKind.TaskCompleted);
    }

    [Fact]
    public async Task CompleteActivityAsync_LockInstanceLeaseLost_ThrowsAndLocksNothing()
    {
        var stale = await ScheduleActivityAsync("a", "w1");
        Clock.Advance(Lease);
        var current = await LockSingleActivityAsync("w2");

        await Should.ThrowAsync<LeaseLostException>(
            () => Store.CompleteActivityAsync(stale, Event(EventKind.TaskCompleted, 0, data: "\"stale\""), Request("w1", 1), Ct).AsTask());

        (await Store.LockInstancesAsync(Request("w3"), Ct)).Items.ShouldBeEmpty();
        var episode = await Store.CompleteActivityAsync(current, Event(EventKind.TaskCompleted, 0, data: "\"fresh\""), Request("w2", 1), Ct);
        episode.ShouldNotBeNull().Messages.ShouldHaveSingleItem().Event.Data.ShouldBe("\"fresh\"");
        episode.DequeueCount.ShouldBe(1);
    }

    private static OrchestrationCheckpoint EpisodeWithActivities(OrchestrationWorkItem workItem, IReadOnlyList<ActivityRequest> activities, LockRequest? lockActivities) =>
        new()
        {
            WorkItem = workItem,
            NewHistory = [.. workItem.Messages.Select(m => m.Event), .. activities.Select(a => Event(EventKind.TaskScheduled, a.TaskId, a.Name, a.Input))],
            Update = new InstanceUpdate { RuntimeStatus = OrchestrationRuntimeStatus.Running },
            Activities = activities,
            LockActivities = lockActivities,
        };
}

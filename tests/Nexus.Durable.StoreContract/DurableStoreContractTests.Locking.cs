using Nexus.Durable.History;
using Nexus.Durable.Storage;
using Shouldly;
using Xunit;

namespace Nexus.Durable.StoreContract;

public abstract partial class DurableStoreContractTests
{
    [Fact]
    public async Task LockInstancesAsync_FutureMessages_OnlyVisibleOnesReturned()
    {
        await StartAsync("a");
        await Store.SendMessagesAsync(
            [
                new OrchestrationMessage("a", Event(EventKind.TimerFired, 1), VisibleAt: Clock.GetUtcNow().AddMinutes(10)),
                new OrchestrationMessage("a", Raised("now")),
            ],
            Ct);

        var workItem = await LockSingleAsync();

        workItem.Messages.ShouldHaveSingleItem().Event.Name.ShouldBe("now");
        await CheckpointAsync(workItem);
        (await Store.GetDiagnosticsAsync("a", Ct)).PendingMessages.ShouldBe(1); // the timer stays queued
    }

    [Fact]
    public async Task LockInstancesAsync_Leased_InvisibleToOtherOwnerUntilExpiry()
    {
        await Store.CreateInstanceAsync(Instance("a"), Ct);
        var first = await LockSingleAsync("w1");
        first.LockOwner.ShouldBe("w1");
        first.LockedUntil.ShouldBe(Clock.GetUtcNow() + Lease);

        (await Store.LockInstancesAsync(Request("w2"), Ct)).Items.ShouldBeEmpty();
        Clock.Advance(Lease - TimeSpan.FromSeconds(1));
        (await Store.LockInstancesAsync(Request("w2"), Ct)).Items.ShouldBeEmpty();

        Clock.Advance(TimeSpan.FromSeconds(1));
        var second = await LockSingleAsync("w2");
        second.LockOwner.ShouldBe("w2");
        second.Messages.Select(m => m.Sequence).ShouldBe(first.Messages.Select(m => m.Sequence));
    }

    [Fact]
    public async Task LockInstancesAsync_EveryLock_IncrementsDequeueCountUntilCheckpoint()
    {
        await Store.CreateInstanceAsync(Instance("a"), Ct);
        (await LockSingleAsync("w1")).DequeueCount.ShouldBe(1);
        Clock.Advance(Lease);
        (await LockSingleAsync("w2")).DequeueCount.ShouldBe(2);
        Clock.Advance(Lease);
        var third = await LockSingleAsync("w3");
        third.DequeueCount.ShouldBe(3);

        await CheckpointAsync(third);
        await Store.SendMessagesAsync([new OrchestrationMessage("a", Raised("e"))], Ct);
        (await LockSingleAsync("w1")).DequeueCount.ShouldBe(1);
    }

    [Fact]
    public async Task LockInstancesAsync_NothingReady_ReturnsEarliestNextVisibleAt()
    {
        await StartAsync("a");
        await StartAsync("b");
        var now = Clock.GetUtcNow();
        await Store.SendMessagesAsync(
            [
                new OrchestrationMessage("a", Event(EventKind.TimerFired, 1), VisibleAt: now.AddMinutes(9)),
                new OrchestrationMessage("b", Event(EventKind.TimerFired, 1), VisibleAt: now.AddMinutes(4)),
                new OrchestrationMessage("a", Event(EventKind.TimerFired, 2), VisibleAt: now.AddMinutes(6)),
            ],
            Ct);

        var batch = await Store.LockInstancesAsync(Request(), Ct);

        batch.Items.ShouldBeEmpty();
        batch.NextVisibleAt.ShouldBe(now.AddMinutes(4));
        (await Store.LockInstancesAsync(Request(kind: InstanceKind.Entity), Ct)).NextVisibleAt.ShouldBeNull();
    }

    [Fact]
    public async Task LockInstancesAsync_MaxItems_TakesOldestWorkFirst()
    {
        foreach (var id in new[] { "c", "a", "d", "b" })
        {
            await Store.CreateInstanceAsync(Instance(id), Ct);
        }

        var first = await Store.LockInstancesAsync(Request("w1", 2), Ct);
        var second = await Store.LockInstancesAsync(Request("w2", 10), Ct);

        first.Items.Select(i => i.Instance.InstanceId).ShouldBe(["c", "a"]);
        second.Items.Select(i => i.Instance.InstanceId).ShouldBe(["d", "b"]);
    }

    [Fact]
    public async Task AbandonInstanceAsync_Owner_ReleasesLockKeepsMessagesAndRecordsError()
    {
        await Store.CreateInstanceAsync(Instance("a"), Ct);
        var first = await LockSingleAsync("w1");

        await Store.AbandonInstanceAsync(first, "worker crashed", Ct);

        var second = await LockSingleAsync("w2");
        second.Messages.Select(m => m.Sequence).ShouldBe(first.Messages.Select(m => m.Sequence));
        second.LastError.ShouldBe("worker crashed");
        second.DequeueCount.ShouldBe(2);
        (await Store.GetHistoryAsync("a", Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task AbandonInstanceAsync_NotOwner_ThrowsLeaseLostAndKeepsTheOtherLock()
    {
        await Store.CreateInstanceAsync(Instance("a"), Ct);
        var stale = await LockSingleAsync("w1");
        Clock.Advance(Lease);
        await LockSingleAsync("w2");

        await Should.ThrowAsync<LeaseLostException>(() => Store.AbandonInstanceAsync(stale, "late", Ct).AsTask());

        (await Store.LockInstancesAsync(Request("w3"), Ct)).Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task RenewInstanceLeaseAsync_Owner_ExtendsLease()
    {
        await Store.CreateInstanceAsync(Instance("a"), Ct);
        var workItem = await LockSingleAsync("w1");
        Clock.Advance(TimeSpan.FromSeconds(50));

        (await Store.RenewInstanceLeaseAsync(workItem, Lease, Ct)).ShouldBe(LeaseStatus.Renewed);

        Clock.Advance(TimeSpan.FromSeconds(50)); // past the first lease, inside the renewed one
        (await Store.LockInstancesAsync(Request("w2"), Ct)).Items.ShouldBeEmpty();
        Clock.Advance(TimeSpan.FromSeconds(10));
        (await LockSingleAsync("w2")).LockOwner.ShouldBe("w2");
    }

    [Fact]
    public async Task RenewInstanceLeaseAsync_TakenByOther_ReturnsLost()
    {
        await Store.CreateInstanceAsync(Instance("a"), Ct);
        var stale = await LockSingleAsync("w1");
        Clock.Advance(Lease);
        await LockSingleAsync("w2");

        (await Store.RenewInstanceLeaseAsync(stale, Lease, Ct)).ShouldBe(LeaseStatus.Lost);
    }

    [Fact]
    public async Task ParkInstanceAsync_Orchestration_FailsItAndMovesMessagesToPoison()
    {
        await StartAsync("a");
        await Store.SendMessagesAsync([new OrchestrationMessage("a", Raised("poison"))], Ct);
        var workItem = await LockSingleAsync();
        var failure = new FailureDetails("PoisonMessage", "dequeued too often");

        await Store.ParkInstanceAsync(workItem, failure, Ct);

        var record = (await Store.GetInstanceAsync("a", Ct)).ShouldNotBeNull();
        record.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Failed);
        record.Failure.ShouldBe(failure);
        (await Store.GetDiagnosticsAsync("a", Ct)).PendingMessages.ShouldBe(0);
        (await Store.LockInstancesAsync(Request("w2"), Ct)).Items.ShouldBeEmpty();
        var poison = (await Store.GetPoisonAsync(Ct)).ShouldHaveSingleItem();
        poison.InstanceId.ShouldBe("a");
        poison.WorkType.ShouldBe("orchestration");
        poison.Name.ShouldBe("Orchestration");
        poison.DequeueCount.ShouldBe(1);
        poison.Reason.ShouldContain("dequeued too often");
        poison.ParkedAt.ShouldBe(Clock.GetUtcNow());
    }

    [Fact]
    public async Task ParkInstanceAsync_NotOwner_ThrowsLeaseLost()
    {
        await Store.CreateInstanceAsync(Instance("a"), Ct);
        var stale = await LockSingleAsync("w1");
        Clock.Advance(Lease);
        await LockSingleAsync("w2");

        await Should.ThrowAsync<LeaseLostException>(() => Store.ParkInstanceAsync(stale, new FailureDetails("E", "m"), Ct).AsTask());

        (await Store.GetInstanceAsync("a", Ct)).ShouldNotBeNull().RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Pending);
        (await Store.GetPoisonAsync(Ct)).ShouldBeEmpty();
    }
}

using Nexus.Durable.History;
using Nexus.Durable.Storage;
using Shouldly;
using Xunit;

namespace Nexus.Durable.StoreContract;

public abstract partial class DurableStoreContractTests
{
    // Real time only bounds a wake-up that should be immediate; the manual clock never reaches maxWait.
    private static readonly TimeSpan WakeUpBound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task WaitForWorkAsync_NoWork_ReturnsAfterMaxWaitOnTheClock()
    {
        var wait = Store.WaitForWorkAsync(WorkKind.Orchestration, TimeSpan.FromSeconds(5), Ct).AsTask();
        wait.IsCompleted.ShouldBeFalse();

        Clock.Advance(TimeSpan.FromSeconds(5));

        await wait.WaitAsync(WakeUpBound, Ct);
    }

    [Fact]
    public async Task WaitForWorkAsync_InstanceCreated_WakesOrchestrationWaiter()
    {
        var wait = Store.WaitForWorkAsync(WorkKind.Orchestration, TimeSpan.FromHours(1), Ct).AsTask();

        await Store.CreateInstanceAsync(Instance("a"), Ct);

        await wait.WaitAsync(WakeUpBound, Ct);
    }

    [Fact]
    public async Task WaitForWorkAsync_ActivityScheduled_WakesActivityWaiter()
    {
        await Store.CreateInstanceAsync(Instance("a"), Ct);
        var workItem = await LockSingleAsync();
        var wait = Store.WaitForWorkAsync(WorkKind.Activity, TimeSpan.FromHours(1), Ct).AsTask();

        await CheckpointAsync(workItem, activities: [new ActivityRequest("a", "exec-a", 0, "Act", null)]);

        await wait.WaitAsync(WakeUpBound, Ct);
    }

    [Fact]
    public async Task WaitForWorkAsync_EntitySignalled_WakesEntityWaiter()
    {
        var wait = Store.WaitForWorkAsync(WorkKind.Entity, TimeSpan.FromHours(1), Ct).AsTask();

        await Store.SendMessagesAsync([new OrchestrationMessage("@counter@k", Event(EventKind.EntityOperationSignaled, name: "add"))], Ct);

        await wait.WaitAsync(WakeUpBound, Ct);
    }

    [Fact]
    public async Task WaitForWorkAsync_MessageArrivedWhileLocked_WakesOrchestrationWaiterAtCheckpoint()
    {
        await Store.CreateInstanceAsync(Instance("a"), Ct);
        var workItem = await LockSingleAsync();
        await Store.SendMessagesAsync([new OrchestrationMessage("a", Raised("go"))], Ct);
        await Store.WaitForWorkAsync(WorkKind.Orchestration, TimeSpan.Zero, Ct); // the wake-up nobody could use (locked)
        (await Store.LockInstancesAsync(Request("w2"), Ct)).Items.ShouldBeEmpty();
        var wait = Store.WaitForWorkAsync(WorkKind.Orchestration, TimeSpan.FromHours(1), Ct).AsTask();

        await CheckpointAsync(workItem);

        await wait.WaitAsync(WakeUpBound, Ct);
        (await LockSingleAsync("w2")).Messages.Select(m => m.Event.Name).ShouldBe(["go"]);
    }

    [Fact]
    public async Task WaitForInstanceChangeAsync_Completed_WakesWaiter()
    {
        await Store.CreateInstanceAsync(Instance("a"), Ct);
        var workItem = await LockSingleAsync();
        var wait = Store.WaitForInstanceChangeAsync("a", TimeSpan.FromHours(1), Ct).AsTask();

        await CheckpointAsync(workItem, OrchestrationRuntimeStatus.Completed);

        await wait.WaitAsync(WakeUpBound, Ct);
    }

    [Fact]
    public async Task WaitForInstanceChangeAsync_NoChange_ReturnsAfterMaxWaitOnTheClock()
    {
        await Store.CreateInstanceAsync(Instance("a"), Ct);
        var wait = Store.WaitForInstanceChangeAsync("a", TimeSpan.FromSeconds(30), Ct).AsTask();
        wait.IsCompleted.ShouldBeFalse();

        Clock.Advance(TimeSpan.FromSeconds(30));

        await wait.WaitAsync(WakeUpBound, Ct);
    }
}

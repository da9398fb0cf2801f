using Nexus.Durable.History;
using Nexus.Durable.Storage;
using Shouldly;
using Xunit;

namespace Nexus.Durable.StoreContract;

public abstract partial class DurableStoreContractTests
{
    [Fact]
    public async Task SendMessagesAsync_SeveralMessages_DeliveredInEnqueueOrder()
    {
        await StartAsync("a");
        await Store.SendMessagesAsync([new OrchestrationMessage("a", Raised("e1")), new OrchestrationMessage("a", Raised("e2"))], Ct);
        await Store.SendMessagesAsync([new OrchestrationMessage("a", Raised("e3"))], Ct);
        await Store.SendMessagesAsync([new OrchestrationMessage("a", Raised("e4", "\"data\""), "exec-a")], Ct);

        var workItem = await LockSingleAsync();

        workItem.Messages.Select(m => m.Event.Name).ShouldBe(["e1", "e2", "e3", "e4"]);
        workItem.Messages.Select(m => m.Sequence).ShouldBeInOrder(SortDirection.Ascending);
        workItem.Messages[3].ExecutionId.ShouldBe("exec-a");
        workItem.Messages[3].Event.Data.ShouldBe("\"data\"");
        workItem.Messages[0].ExecutionId.ShouldBeNull();
    }

    [Fact]
    public async Task SendMessagesAsync_FutureVisibleAt_HiddenUntilClockPasses()
    {
        await StartAsync("a");
        var due = Clock.GetUtcNow().AddSeconds(30);
        await Store.SendMessagesAsync([new OrchestrationMessage("a", Event(EventKind.TimerFired, 1), "exec-a", due)], Ct);

        var batch = await Store.LockInstancesAsync(Request(), Ct);
        batch.Items.ShouldBeEmpty();
        batch.NextVisibleAt.ShouldBe(due);

        Clock.Advance(TimeSpan.FromSeconds(29));
        (await Store.LockInstancesAsync(Request(), Ct)).Items.ShouldBeEmpty();

        Clock.Advance(TimeSpan.FromSeconds(1));
        (await LockSingleAsync()).Messages.ShouldHaveSingleItem().Event.Kind.ShouldBe(EventKind.TimerFired);
    }

    [Fact]
    public async Task SendMessagesAsync_TerminalInstance_Dropped()
    {
        await FinishAsync("a");

        await Store.SendMessagesAsync([new OrchestrationMessage("a", Raised("late"))], Ct);

        (await Store.LockInstancesAsync(Request(), Ct)).Items.ShouldBeEmpty();
        (await Store.GetDiagnosticsAsync("a", Ct)).PendingMessages.ShouldBe(0);
        (await Store.GetInstanceAsync("a", Ct)).ShouldNotBeNull().RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
    }

    [Fact]
    public async Task SendMessagesAsync_MissingOrchestration_DroppedWithoutCreatingIt()
    {
        await Store.SendMessagesAsync([new OrchestrationMessage("ghost", Raised("e"))], Ct);

        (await Store.GetInstanceAsync("ghost", Ct)).ShouldBeNull();
        (await Store.LockInstancesAsync(Request(), Ct)).Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task SendMessagesAsync_MissingEntity_CreatesEntityInstance()
    {
        await Store.SendMessagesAsync([new OrchestrationMessage("@counter@k1", Event(EventKind.EntityOperationSignaled, name: "add", data: "5"))], Ct);

        var record = (await Store.GetInstanceAsync("@counter@k1", Ct)).ShouldNotBeNull();
        record.Kind.ShouldBe(InstanceKind.Entity);
        record.Name.ShouldBe("counter");
        record.RuntimeStatus.IsActive().ShouldBeTrue();

        var workItem = await LockSingleAsync(kind: InstanceKind.Entity);
        workItem.Instance.Kind.ShouldBe(InstanceKind.Entity);
        workItem.Messages.ShouldHaveSingleItem().Event.Data.ShouldBe("5");
    }

    [Fact]
    public async Task LockInstancesAsync_KindFilter_SeparatesOrchestrationsFromEntities()
    {
        await Store.CreateInstanceAsync(Instance("orchestration"), Ct);
        await Store.SendMessagesAsync([new OrchestrationMessage("@counter@k1", Event(EventKind.EntityOperationSignaled, name: "add"))], Ct);

        var orchestrations = await Store.LockInstancesAsync(Request("w1", 10, InstanceKind.Orchestration), Ct);
        var entities = await Store.LockInstancesAsync(Request("w2", 10, InstanceKind.Entity), Ct);

        orchestrations.Items.Select(i => i.Instance.InstanceId).ShouldBe(["orchestration"]);
        entities.Items.Select(i => i.Instance.InstanceId).ShouldBe(["@counter@k1"]);
    }
}

using Nexus.Durable.History;
using Nexus.Durable.Storage;
using Shouldly;
using Xunit;

namespace Nexus.Durable.StoreContract;

public abstract partial class DurableStoreContractTests
{
    [Fact]
    public async Task CreateInstanceAsync_NewId_IsPendingWithExecutionStartedMessage()
    {
        var parent = new ParentInstance("parent", "exec-parent", 7);
        await Store.CreateInstanceAsync(Instance("a", "{\"x\":1}") with { Parent = parent }, Ct);

        var record = (await Store.GetInstanceAsync("a", Ct)).ShouldNotBeNull();
        record.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Pending);
        record.Kind.ShouldBe(InstanceKind.Orchestration);
        record.Name.ShouldBe("Orchestration");
        record.ExecutionId.ShouldBe("exec-a");
        record.Input.ShouldBe("{\"x\":1}");
        record.Parent.ShouldBe(parent);
        record.CreatedTime.ShouldBe(Clock.GetUtcNow());
        record.CompletedTime.ShouldBeNull();

        var workItem = await LockSingleAsync();
        var message = workItem.Messages.ShouldHaveSingleItem();
        message.ExecutionId.ShouldBe("exec-a");
        message.Event.Kind.ShouldBe(EventKind.ExecutionStarted);
        message.Event.Name.ShouldBe("Orchestration");
        message.Event.Data.ShouldBe("{\"x\":1}");
        message.Event.ExecutionId.ShouldBe("exec-a");
        message.Event.Parent.ShouldBe(parent);
        workItem.HistoryCount.ShouldBe(0);
    }

    [Fact]
    public async Task CreateInstanceAsync_ActiveId_ThrowsInstanceAlreadyExists()
    {
        await Store.CreateInstanceAsync(Instance("a"), Ct);
        await Should.ThrowAsync<InstanceAlreadyExistsException>(() => Store.CreateInstanceAsync(Instance("a"), Ct).AsTask());

        await CheckpointAsync(await LockSingleAsync()); // Running
        await Should.ThrowAsync<InstanceAlreadyExistsException>(() => Store.CreateInstanceAsync(Instance("a"), Ct).AsTask());
        (await Store.GetHistoryAsync("a", Ct)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task CreateInstanceAsync_TerminalId_ReplacesWithFreshHistoryAndInbox()
    {
        await FinishAsync("a");
        await Store.CreateInstanceAsync(Instance("a", "\"second\"") with { ExecutionId = "exec-2" }, Ct);

        var record = (await Store.GetInstanceAsync("a", Ct)).ShouldNotBeNull();
        record.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Pending);
        record.ExecutionId.ShouldBe("exec-2");
        record.Input.ShouldBe("\"second\"");
        record.Output.ShouldBeNull();
        (await Store.GetHistoryAsync("a", Ct)).ShouldBeEmpty();
        var workItem = await LockSingleAsync();
        workItem.HistoryCount.ShouldBe(0);
        workItem.Messages.ShouldHaveSingleItem().Event.ExecutionId.ShouldBe("exec-2");
    }

    [Fact]
    public async Task CreateInstanceAsync_StartAt_InvisibleUntilThen()
    {
        var startAt = Clock.GetUtcNow().AddMinutes(5);
        await Store.CreateInstanceAsync(Instance("a") with { StartAt = startAt }, Ct);

        var batch = await Store.LockInstancesAsync(Request(), Ct);
        batch.Items.ShouldBeEmpty();
        batch.NextVisibleAt.ShouldBe(startAt);

        Clock.Advance(TimeSpan.FromMinutes(5));
        (await LockSingleAsync()).Instance.InstanceId.ShouldBe("a");
    }

    [Fact]
    public async Task GetInstanceAsync_Missing_ReturnsNull()
    {
        (await Store.GetInstanceAsync("nope", Ct)).ShouldBeNull();
        (await Store.GetHistoryAsync("nope", Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task GetHistoryAsync_EveryEventField_RoundTrips()
    {
        await Store.CreateInstanceAsync(Instance("a"), Ct);
        var workItem = await LockSingleAsync();
        var now = Clock.GetUtcNow();
        var failure = new FailureDetails("System.InvalidOperationException", "boom", "at X()", new FailureDetails("Inner", "cause"), IsNonRetriable: true);
        HistoryEvent[] events =
        [
            workItem.Messages[0].Event,
            new() { Kind = EventKind.OrchestratorStarted, Timestamp = now },
            new() { Kind = EventKind.TaskFailed, TaskId = 3, Timestamp = now.AddTicks(1), Name = "Act", Failure = failure },
            new() { Kind = EventKind.TimerCreated, TaskId = 4, Timestamp = now, FireAt = now.AddHours(1) },
            new() { Kind = EventKind.SubOrchestrationInstanceCreated, TaskId = 5, Name = "Child", InstanceId = "child", Data = "\"in\"", Timestamp = now },
            new() { Kind = EventKind.EntityOperationCalled, TaskId = 6, Name = "add", InstanceId = "@counter@k", RequestId = "req-1", Data = "", Timestamp = now },
            new() { Kind = EventKind.ExecutionStarted, Name = "N", ExecutionId = "e2", Parent = new ParentInstance("p", null, 9), Timestamp = now },
        ];

        await CheckpointAsync(workItem, history: events);

        (await Store.GetHistoryAsync("a", Ct)).ShouldBe(events);
    }

    [Fact]
    public async Task CheckpointAsync_Update_WritesInstanceFields()
    {
        await Store.CreateInstanceAsync(Instance("a"), Ct);
        var workItem = await LockSingleAsync();
        Clock.Advance(TimeSpan.FromSeconds(3));
        await Store.CheckpointAsync(
            new OrchestrationCheckpoint
            {
                WorkItem = workItem,
                NewHistory = [workItem.Messages[0].Event],
                Update = new InstanceUpdate { RuntimeStatus = OrchestrationRuntimeStatus.Running, CustomStatus = "\"step 1\"", Output = "\"partial\"" },
            },
            Ct);
        var running = (await Store.GetInstanceAsync("a", Ct)).ShouldNotBeNull();
        running.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Running);
        running.CustomStatus.ShouldBe("\"step 1\"");
        running.Output.ShouldBe("\"partial\"");
        running.LastUpdatedTime.ShouldBe(Clock.GetUtcNow());
        running.CompletedTime.ShouldBeNull();

        await Store.SendMessagesAsync([new OrchestrationMessage("a", Raised("go"))], Ct);
        workItem = await LockSingleAsync();
        Clock.Advance(TimeSpan.FromSeconds(4));
        var failure = new FailureDetails("E", "failed");
        await Store.CheckpointAsync(
            new OrchestrationCheckpoint
            {
                WorkItem = workItem,
                Update = new InstanceUpdate { RuntimeStatus = OrchestrationRuntimeStatus.Failed, Failure = failure, ClearOutput = true },
            },
            Ct);
        var failed = (await Store.GetInstanceAsync("a", Ct)).ShouldNotBeNull();
        failed.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Failed);
        failed.Failure.ShouldBe(failure);
        failed.CustomStatus.ShouldBe("\"step 1\""); // null leaves it unchanged
        failed.Output.ShouldBeNull();
        failed.CompletedTime.ShouldBe(Clock.GetUtcNow());
        failed.Input.ShouldBe("\"input\"");
    }

    [Fact]
    public async Task PurgeInstanceAsync_Terminal_DeletesInstanceHistoryAndPayloads()
    {
        var large = new string('p', 300_000);
        await Store.CreateInstanceAsync(Instance("a", large), Ct);
        var workItem = await LockSingleAsync();
        await CheckpointAsync(workItem, OrchestrationRuntimeStatus.Completed, output: "\"done\"");

        (await Store.PurgeInstanceAsync("a", Ct)).ShouldBe(1);

        (await Store.GetInstanceAsync("a", Ct)).ShouldBeNull();
        (await Store.GetHistoryAsync("a", Ct)).ShouldBeEmpty();
        (await Store.GetDiagnosticsAsync("a", Ct)).ShouldBe(new StoreDiagnostics(0, 0, 0, 0, 0, 0));
        (await Store.PurgeInstanceAsync("a", Ct)).ShouldBe(0);
    }

    [Fact]
    public async Task PurgeInstanceAsync_ActiveOrMissing_ReturnsZero()
    {
        await StartAsync("running");
        await Store.CreateInstanceAsync(Instance("pending"), Ct);

        (await Store.PurgeInstanceAsync("pending", Ct)).ShouldBe(0);
        (await Store.PurgeInstanceAsync("running", Ct)).ShouldBe(0);
        (await Store.PurgeInstanceAsync("missing", Ct)).ShouldBe(0);
        (await Store.GetInstanceAsync("pending", Ct)).ShouldNotBeNull();
        (await Store.GetHistoryAsync("running", Ct)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task PurgeInstancesAsync_Filter_DeletesOnlyMatchingTerminalInstances()
    {
        await FinishAsync("old-completed");
        await FinishAsync("old-failed", OrchestrationRuntimeStatus.Failed);
        Clock.Advance(TimeSpan.FromHours(1));
        var cutoff = Clock.GetUtcNow();
        await FinishAsync("new-completed");
        await StartAsync("running");

        var purged = await Store.PurgeInstancesAsync(new PurgeFilter { CreatedTo = cutoff, RuntimeStatus = [OrchestrationRuntimeStatus.Completed] }, Ct);
        purged.ShouldBe(1);
        (await Store.GetInstanceAsync("old-completed", Ct)).ShouldBeNull();
        (await Store.GetInstanceAsync("old-failed", Ct)).ShouldNotBeNull();

        purged = await Store.PurgeInstancesAsync(new PurgeFilter(), Ct);
        purged.ShouldBe(2);
        (await Store.GetInstanceAsync("running", Ct)).ShouldNotBeNull();
        (await Store.QueryInstancesAsync(new InstanceQuery(), Ct)).Instances.Select(i => i.InstanceId).ShouldBe(["running"]);
    }
}

using Nexus.Durable.History;
using Nexus.Durable.Storage;
using Nexus.Durable.Testing;
using Shouldly;
using Xunit;

namespace Nexus.Durable.StoreContract;

/// <summary>The contract every <see cref="IDurableStore"/> backend must pass. A backend's test project derives from it
/// and implements <see cref="CreateStoreAsync"/>; each test gets a fresh, empty store driven by a manual clock.</summary>
public abstract partial class DurableStoreContractTests : IAsyncLifetime
{
    /// <summary>A lease long enough that it never expires unless a test moves the clock.</summary>
    protected static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    private IDurableStore? _store;

    /// <summary>The store's clock.</summary>
    protected ManualTimeProvider Clock { get; } = new();

    /// <summary>The store under test (initialized).</summary>
    protected IDurableStore Store => _store ?? throw new InvalidOperationException("The store is not created yet.");

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Creates a new, empty store whose <see cref="TimeProvider"/> is <paramref name="clock"/>.</summary>
    protected abstract ValueTask<IDurableStore> CreateStoreAsync(ManualTimeProvider clock);

    /// <summary>Disposes the store (override to also delete files).</summary>
    protected virtual ValueTask DisposeStoreAsync(IDurableStore store) => store.DisposeAsync();

    public async ValueTask InitializeAsync()
    {
        _store = await CreateStoreAsync(Clock);
        await _store.InitializeAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_store is not null)
        {
            await DisposeStoreAsync(_store);
            _store = null;
        }
    }

    protected static NewInstance Instance(string id, string? input = "\"input\"", string name = "Orchestration") =>
        new() { InstanceId = id, Name = name, ExecutionId = "exec-" + id, Input = input };

    protected static HistoryEvent Raised(string name, string? data = null) =>
        new() { Kind = EventKind.EventRaised, Name = name, Data = data };

    protected static HistoryEvent Event(EventKind kind, int taskId = -1, string? name = null, string? data = null) =>
        new() { Kind = kind, TaskId = taskId, Name = name, Data = data };

    protected static LockRequest Request(string owner = "w1", int maxItems = 100, InstanceKind kind = InstanceKind.Orchestration) =>
        new(owner, maxItems, Lease, kind);

    /// <summary>Locks instance work and asserts exactly one item came back.</summary>
    protected async Task<OrchestrationWorkItem> LockSingleAsync(string owner = "w1", InstanceKind kind = InstanceKind.Orchestration)
    {
        var batch = await Store.LockInstancesAsync(Request(owner, 100, kind), Ct);
        batch.Items.Count.ShouldBe(1);
        return batch.Items[0];
    }

    /// <summary>Locks activity work and asserts exactly one item came back.</summary>
    protected async Task<ActivityWorkItem> LockSingleActivityAsync(string owner = "w1")
    {
        var batch = await Store.LockActivitiesAsync(Request(owner), Ct);
        batch.Items.Count.ShouldBe(1);
        return batch.Items[0];
    }

    /// <summary>Commits an episode; by default it appends the consumed messages' events to the history.</summary>
    protected Task CheckpointAsync(
        OrchestrationWorkItem workItem,
        OrchestrationRuntimeStatus status = OrchestrationRuntimeStatus.Running,
        IReadOnlyList<HistoryEvent>? history = null,
        IReadOnlyList<ActivityRequest>? activities = null,
        IReadOnlyList<OrchestrationMessage>? messages = null,
        IReadOnlyList<NewInstance>? subOrchestrations = null,
        string? output = null) =>
        Store.CheckpointAsync(
            new OrchestrationCheckpoint
            {
                WorkItem = workItem,
                NewHistory = history ?? [.. workItem.Messages.Select(m => m.Event)],
                Update = new InstanceUpdate { RuntimeStatus = status, Output = output },
                Activities = activities ?? [],
                Messages = messages ?? [],
                SubOrchestrations = subOrchestrations ?? [],
            },
            Ct).AsTask();

    /// <summary>Creates an instance and runs its first episode (Running, history = [ExecutionStarted]). Needs an
    /// otherwise idle store: no other instance may have work.</summary>
    protected async Task StartAsync(string id, string? input = "\"input\"")
    {
        await Store.CreateInstanceAsync(Instance(id, input), Ct);
        await CheckpointAsync(await LockSingleAsync());
    }

    /// <summary>Creates an instance whose first episode schedules one activity; returns the activity locked by <paramref name="owner"/>.</summary>
    protected async Task<ActivityWorkItem> ScheduleActivityAsync(string id, string owner = "w1", string? input = "\"activity input\"")
    {
        await Store.CreateInstanceAsync(Instance(id), Ct);
        var workItem = await LockSingleAsync();
        await CheckpointAsync(
            workItem,
            history: [workItem.Messages[0].Event, Event(EventKind.TaskScheduled, 0, "Act", input)],
            activities: [new ActivityRequest(id, "exec-" + id, 0, "Act", input)]);
        return await LockSingleActivityAsync(owner);
    }

    /// <summary>Runs an instance to a terminal status.</summary>
    protected async Task FinishAsync(string id, OrchestrationRuntimeStatus status = OrchestrationRuntimeStatus.Completed)
    {
        await Store.CreateInstanceAsync(Instance(id), Ct);
        var workItem = await LockSingleAsync();
        await CheckpointAsync(workItem, status, output: "\"done\"");
    }
}

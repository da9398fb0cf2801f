using Nexus.Durable.Entities;
using Nexus.Durable.History;
using Nexus.Durable.Registry;
using Nexus.Durable.Serialization;
using Nexus.Durable.Storage;

namespace Nexus.Durable.Client;

/// <summary>Starts, queries and controls instances (the Durable Functions client operations).</summary>
/// <remarks>
/// With a registry, unknown orchestration and entity names are refused at the call; without one (a client-only process)
/// the names are not checked. Inputs are serialized before anything is stored, so a bad input never leaves a
/// half-created instance.
/// </remarks>
public sealed class DurableClient
{
    private readonly IDurableStore _store;
    private readonly DurableRegistry? _registry;
    private readonly DataConverter _converter;
    private readonly TimeProvider _time;

    /// <summary>Creates a client over <paramref name="store"/>.</summary>
    public DurableClient(IDurableStore store, DurableRegistry? registry = null, DataConverter? converter = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _registry = registry;
        _converter = converter ?? JsonDataConverter.Default;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The store behind this client.</summary>
    public IDurableStore Store => _store;

    /// <summary>Starts a new instance and returns its id.</summary>
    /// <exception cref="UnknownFunctionException">No orchestration has this name.</exception>
    /// <exception cref="ArgumentException">The instance id is invalid or the input cannot be serialized.</exception>
    /// <exception cref="InstanceAlreadyExistsException">An instance with this id is Pending, Running or Suspended, or exists in
    /// any state when <see cref="StartOrchestrationOptions.ReuseFinishedId"/> is off.</exception>
    public async Task<string> ScheduleNewOrchestrationInstanceAsync(
        string name, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _registry?.EnsureOrchestration(name);
        var instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        InstanceIds.Validate(instanceId);
        var json = Serialize(input, $"orchestration '{name}'");
        await _store.CreateInstanceAsync(
            new NewInstance
            {
                InstanceId = instanceId,
                Name = name,
                ExecutionId = Guid.NewGuid().ToString("N"),
                Input = json,
                CreatedTime = _time.GetUtcNow(),
                ReuseFinishedId = options?.ReuseFinishedId ?? true,
            },
            cancellationToken).ConfigureAwait(false);
        return instanceId;
    }

    /// <summary>The instance's status, or <see langword="null"/> when there is none.</summary>
    public async Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getHistory = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        var record = await _store.GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
        if (record is null || record.Kind != InstanceKind.Orchestration)
        {
            return null;
        }

        var history = getHistory ? await _store.GetHistoryAsync(instanceId, cancellationToken).ConfigureAwait(false) : null;
        return new OrchestrationMetadata(record, _converter, history);
    }

    /// <summary>Waits until the instance is Completed, Failed or Terminated, and returns its final status.</summary>
    /// <exception cref="InstanceNotFoundException">There is no such instance.</exception>
    public async Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getHistory = false, CancellationToken cancellationToken = default)
    {
        var delay = TimeSpan.FromMilliseconds(50);
        while (true)
        {
            // Register for the change notification before reading, so a completion committed in between is not missed.
            var changed = _store.WaitForInstanceChangeAsync(instanceId, delay, cancellationToken).AsTask();
            var status = await GetInstanceAsync(instanceId, false, cancellationToken).ConfigureAwait(false)
                ?? throw new InstanceNotFoundException($"No instance with id '{instanceId}' exists.");
            if (status.IsCompleted)
            {
                _ = changed.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                return getHistory ? (await GetInstanceAsync(instanceId, true, cancellationToken).ConfigureAwait(false))! : status;
            }

            await changed.ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(1).Ticks));
        }
    }

    /// <summary>Sends an external event to a running instance.</summary>
    /// <exception cref="InstanceNotFoundException">There is no such instance.</exception>
    /// <exception cref="InstanceNotActiveException">The instance has finished.</exception>
    public async Task RaiseEventAsync(string instanceId, string eventName, object? eventData = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        var json = Serialize(eventData, $"event '{eventName}'");
        await SendToActiveAsync(instanceId, new HistoryEvent { Kind = EventKind.EventRaised, Name = eventName, Data = json }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Terminates a running instance; its output becomes <paramref name="reason"/>.</summary>
    public Task TerminateInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default) =>
        SendToActiveAsync(instanceId, new HistoryEvent { Kind = EventKind.ExecutionTerminated, Data = _converter.Serialize(reason) }, cancellationToken);

    /// <summary>Suspends a running instance: it processes no events until resumed.</summary>
    public Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default) =>
        SendToActiveAsync(instanceId, new HistoryEvent { Kind = EventKind.ExecutionSuspended, Data = _converter.Serialize(reason) }, cancellationToken);

    /// <summary>Resumes a suspended instance.</summary>
    public Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default) =>
        SendToActiveAsync(instanceId, new HistoryEvent { Kind = EventKind.ExecutionResumed, Data = _converter.Serialize(reason) }, cancellationToken);

    /// <summary>Deletes a finished instance and everything stored for it. Returns 1.</summary>
    /// <exception cref="InstanceNotFoundException">There is no such instance.</exception>
    /// <exception cref="InstanceStillActiveException">The instance has not finished.</exception>
    public async Task<int> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var record = await _store.GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false)
            ?? throw new InstanceNotFoundException($"No instance with id '{instanceId}' exists.");
        if (record.RuntimeStatus.IsActive())
        {
            throw new InstanceStillActiveException($"Instance '{instanceId}' is {record.RuntimeStatus}; terminate it or wait for it to finish before purging.");
        }

        return await _store.PurgeInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the finished instances that match <paramref name="filter"/>. Returns how many.</summary>
    public Task<int> PurgeInstancesAsync(PurgeFilter filter, CancellationToken cancellationToken = default) =>
        _store.PurgeInstancesAsync(filter, cancellationToken).AsTask();

    /// <summary>Lists instances by status, creation time and id prefix, a page at a time.</summary>
    public async Task<OrchestrationQueryResult> QueryInstancesAsync(InstanceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.PageSize is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(query), query.PageSize, "The page size must be between 1 and 1000.");
        }

        var page = await _store.QueryInstancesAsync(query, cancellationToken).ConfigureAwait(false);
        return new OrchestrationQueryResult([.. page.Instances.Select(r => new OrchestrationMetadata(r, _converter, null))], page.ContinuationToken);
    }

    /// <summary>Sends a one-way operation to an entity (created on first use).</summary>
    public async Task SignalEntityAsync(EntityInstanceId entity, string operationName, object? input = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(operationName);
        _registry?.EnsureEntity(entity.Name);
        var json = Serialize(input, $"entity operation '{operationName}'");
        var e = new HistoryEvent { Kind = EventKind.EntityOperationSignaled, Name = operationName, Data = json, Timestamp = _time.GetUtcNow() };
        await _store.SendMessagesAsync([new OrchestrationMessage(entity.ToString(), e)], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads an entity's state, or <see langword="null"/> when it has none.</summary>
    public async Task<EntityMetadata<TState>?> GetEntityAsync<TState>(EntityInstanceId entity, CancellationToken cancellationToken = default)
    {
        var record = await _store.GetInstanceAsync(entity.ToString(), cancellationToken).ConfigureAwait(false);
        if (record is null || record.Output is null)
        {
            return null;
        }

        return new EntityMetadata<TState>(entity, _converter.Deserialize<TState>(record.Output), record.LastUpdatedTime);
    }

    private async Task SendToActiveAsync(string instanceId, HistoryEvent e, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        var record = await _store.GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
        if (record is null || record.Kind != InstanceKind.Orchestration)
        {
            throw new InstanceNotFoundException($"No instance with id '{instanceId}' exists.");
        }

        if (record.RuntimeStatus.IsTerminal())
        {
            throw new InstanceNotActiveException($"Instance '{instanceId}' has already finished ({record.RuntimeStatus}).");
        }

        await _store.SendMessagesAsync([new OrchestrationMessage(instanceId, e with { Timestamp = _time.GetUtcNow() })], cancellationToken).ConfigureAwait(false);
    }

    private string? Serialize(object? value, string what)
    {
        try
        {
            return _converter.Serialize(value);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"The input of {what} cannot be serialized: {e.Message}", nameof(value), e);
        }
    }
}

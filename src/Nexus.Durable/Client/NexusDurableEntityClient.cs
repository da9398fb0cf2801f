using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Client.Entities;
using Microsoft.DurableTask.Entities;
using Nexus.Durable.History;
using Nexus.Durable.Sdk;
using Nexus.Durable.Storage;
using EngineEntityId = Nexus.Durable.Entities.EntityInstanceId;
using SdkDataConverter = Microsoft.DurableTask.DataConverter;
using SdkEntityMetadata = Microsoft.DurableTask.Client.Entities.EntityMetadata;

namespace Nexus.Durable.Client;

/// <summary>The Durable Task SDK's entity client (<see cref="DurableEntityClient"/>) over a NEXUS store: signals entities and
/// reads their state.</summary>
/// <remarks>
/// <para>Entities live in the store as instances with ids <c>@name@key</c> (name in lower case) whose output is the state
/// as JSON. An entity "exists" while it has state: one whose state was deleted, or that only ever received signals that
/// did not set any, is transient (read as <see langword="null"/>, listed only with
/// <see cref="EntityQuery.IncludeTransient"/>).</para>
/// <para><see cref="Microsoft.DurableTask.Client.Entities.EntityMetadata{TState}.LockedBy"/> is the orchestration whose critical section holds
/// the entity's lock (<see langword="null"/> when unlocked) and <see cref="Microsoft.DurableTask.Client.Entities.EntityMetadata{TState}.BacklogQueueSize"/>
/// the number of requests it deferred meanwhile. Usually reached as <see cref="NexusDurableTaskClient.Entities"/>; thread-safe;
/// never disposes the store.</para>
/// </remarks>
public sealed class NexusDurableEntityClient : DurableEntityClient
{
    private readonly IDurableStore _store;
    private readonly SdkDataConverter _converter;
    private readonly TimeProvider _time;

    /// <summary>Creates an entity client over <paramref name="store"/>.</summary>
    /// <param name="name">The client's name.</param>
    /// <param name="store">The store; not disposed by the client.</param>
    /// <param name="converter">Serializes operation inputs and reads state; default <see cref="NexusDurableTaskClient.DefaultDataConverter"/>.</param>
    /// <param name="timeProvider">The clock for signal times; default the system clock.</param>
    public NexusDurableEntityClient(string name, IDurableStore store, SdkDataConverter? converter = null, TimeProvider? timeProvider = null)
        : base(ValidName(name))
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _converter = converter ?? NexusDurableTaskClient.DefaultDataConverter;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Enqueues a one-way operation for an entity (the entity is created on first use).</summary>
    /// <remarks>A <see cref="SignalEntityOptions.SignalTime"/> in the future delays delivery until then (the store keeps the
    /// message invisible); a past one delivers now. Signals from this client are delivered in the order they were sent,
    /// delayed ones at their time.</remarks>
    /// <exception cref="ArgumentException">The entity id is invalid (a name containing <c>@</c>, an empty key or one longer
    /// than 200 characters), the operation name is empty, or the input cannot be serialized (nothing is sent).</exception>
    public override async Task SignalEntityAsync(
        EntityInstanceId id, string operationName, object? input = null, SignalEntityOptions? options = null, CancellationToken cancellation = default)
    {
        var target = ToEngineId(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(operationName);
        var json = SdkConversions.Serialize(_converter, input, $"input of entity operation '{operationName}'", nameof(input));
        var now = _time.GetUtcNow();
        var signal = new HistoryEvent
        {
            Kind = EventKind.EntityOperationSignaled, Name = operationName, Data = json, Timestamp = now, RequestId = Guid.NewGuid().ToString(),
        };
        var visibleAt = options?.SignalTime is { } at && at > now ? at : (DateTimeOffset?)null;
        await _store.SendMessagesAsync([new OrchestrationMessage(target.ToString(), signal, VisibleAt: visibleAt)], cancellation).ConfigureAwait(false);
    }

    /// <summary>Reads an entity; <see langword="null"/> when it does not exist (no state).</summary>
    /// <remarks>With <paramref name="includeState"/> the state is <see cref="SerializedData"/> read with this client's
    /// converter; without it <see cref="Microsoft.DurableTask.Client.Entities.EntityMetadata{TState}.IncludesState"/> is <see langword="false"/>.</remarks>
    /// <exception cref="ArgumentException">The entity id is invalid.</exception>
    public override async Task<SdkEntityMetadata?> GetEntityAsync(
        EntityInstanceId id, bool includeState = true, CancellationToken cancellation = default)
    {
        var record = await GetEntityRecordAsync(id, cancellation).ConfigureAwait(false);
        return record?.Output is null ? null : ToMetadata(record, includeState);
    }

    /// <summary>Reads an entity with its state as <typeparamref name="T"/>; <see langword="null"/> when it does not exist.</summary>
    /// <exception cref="ArgumentException">The entity id is invalid.</exception>
    /// <exception cref="System.Text.Json.JsonException">The state cannot be read as <typeparamref name="T"/> (default converter).</exception>
    public override async Task<Microsoft.DurableTask.Client.Entities.EntityMetadata<T>?> GetEntityAsync<T>(
        EntityInstanceId id, bool includeState = true, CancellationToken cancellation = default)
    {
        var record = await GetEntityRecordAsync(id, cancellation).ConfigureAwait(false);
        return record?.Output is null ? null : ToMetadata<T>(record, includeState);
    }

    /// <summary>Queries entities, ordered by creation time then id, a page at a time.</summary>
    /// <remarks>
    /// <para><see cref="EntityQuery.InstanceIdStartsWith"/> follows the SDK: the leading <c>@</c> is optional,
    /// <c>"name@"</c> matches one entity name exactly, <c>"name@keyPrefix"</c> a name and key prefix, and <c>"prefix"</c> a
    /// name prefix. The SDK normalizes the prefix (the name part in lower case, as stored); keys compare ordinally.</para>
    /// <para>The last-modified bounds are inclusive and, like the transient filter, are applied to each page the store
    /// returns, so a page may hold fewer entities than the page size (1–1000, default 100); the query ends when the
    /// continuation token is <see langword="null"/>.</para>
    /// </remarks>
    public override AsyncPageable<SdkEntityMetadata> GetAllEntitiesAsync(EntityQuery? filter = null) =>
        QueryEntities(filter, (record, includeState) => ToMetadata(record, includeState));

    /// <inheritdoc cref="GetAllEntitiesAsync(EntityQuery?)"/>
    public override AsyncPageable<Microsoft.DurableTask.Client.Entities.EntityMetadata<T>> GetAllEntitiesAsync<T>(EntityQuery? filter = null) =>
        QueryEntities(filter, ToMetadata<T>);

    /// <summary>Cleans entity storage: releases orphaned locks; empty entities are kept.</summary>
    /// <remarks>
    /// <para>An orphaned lock is held for an orchestration that no longer runs: one terminated inside its critical section
    /// (an orchestration that completes, fails or continues as new inside one releases its locks itself, as the SDK does).
    /// With <see cref="CleanEntityStorageRequest.ReleaseOrphanedLocks"/> (the default) each such entity is sent a release
    /// for the holder's critical section; the entity runs its deferred requests next. A release that races the holder's own
    /// is harmless: only the holder's current critical section is released.</para>
    /// <para>The store keeps every entity it has created (entities are never purged), so
    /// <see cref="CleanEntityStorageResult.EmptyEntitiesRemoved"/> is 0. Without <paramref name="continueUntilComplete"/> one
    /// page of entities is looked at and the result's continuation token resumes after it.</para>
    /// </remarks>
    public override async Task<CleanEntityStorageResult> CleanEntityStorageAsync(
        CleanEntityStorageRequest? request = null, bool continueUntilComplete = true, CancellationToken cancellation = default)
    {
        var options = request ?? CleanEntityStorageRequest.Default;
        var continuation = options.ContinuationToken;
        var released = 0;
        do
        {
            var page = await _store.QueryInstancesAsync(
                new InstanceQuery { IncludeEntities = true, InstanceIdPrefix = "@", PageSize = 100, ContinuationToken = continuation }, cancellation)
                .ConfigureAwait(false);
            continuation = page.ContinuationToken;
            if (!options.ReleaseOrphanedLocks)
            {
                continue;
            }

            var releases = new List<OrchestrationMessage>();
            foreach (var entity in page.Instances.Where(r => r.Kind == InstanceKind.Entity))
            {
                var scheduler = EntitySchedulerState.Parse(entity.CustomStatus);
                if (scheduler.LockedBy is { } holder && await IsEndedAsync(holder, cancellation).ConfigureAwait(false))
                {
                    var release = new HistoryEvent
                    {
                        Kind = EventKind.EntityLockReleased, Timestamp = _time.GetUtcNow(), InstanceId = holder, RequestId = scheduler.CriticalSectionId,
                    };
                    releases.Add(new OrchestrationMessage(entity.InstanceId, release));
                }
            }

            if (releases.Count > 0)
            {
                await _store.SendMessagesAsync(releases, cancellation).ConfigureAwait(false);
            }

            released += releases.Count;
        }
        while (continueUntilComplete && continuation is not null);

        return new CleanEntityStorageResult { EmptyEntitiesRemoved = 0, OrphanedLocksReleased = released, ContinuationToken = continuation };
    }

    private async Task<bool> IsEndedAsync(string instanceId, CancellationToken cancellationToken) =>
        await _store.GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false) is not { } holder || holder.RuntimeStatus.IsTerminal();

    private AsyncPageable<TMetadata> QueryEntities<TMetadata>(EntityQuery? filter, Func<InstanceRecord, bool, TMetadata> select)
        where TMetadata : notnull
    {
        // EntityQuery.InstanceIdStartsWith is already normalized by the SDK ("@" prepended, the name part in lower case);
        // "@" alone keeps orchestrations out (their ids never start with it).
        var prefix = string.IsNullOrEmpty(filter?.InstanceIdStartsWith) ? "@" : filter.InstanceIdStartsWith;
        var includeState = filter?.IncludeState ?? true;
        var includeTransient = filter?.IncludeTransient ?? false;
        return Pageable.Create(async (string? continuation, int? pageSizeHint, CancellationToken cancellation) =>
        {
            var pageSize = pageSizeHint ?? filter?.PageSize ?? EntityQuery.DefaultPageSize;
            if (pageSize is < 1 or > 1000)
            {
                throw new ArgumentOutOfRangeException(nameof(filter), pageSize, "The page size must be between 1 and 1000.");
            }

            var page = await _store.QueryInstancesAsync(
                new InstanceQuery
                {
                    IncludeEntities = true,
                    InstanceIdPrefix = prefix,
                    PageSize = pageSize,
                    ContinuationToken = continuation ?? filter?.ContinuationToken,
                },
                cancellation).ConfigureAwait(false);
            var values = page.Instances
                .Where(r => r.Kind == InstanceKind.Entity)
                .Where(r => includeTransient || r.Output is not null)
                .Where(r => filter?.LastModifiedFrom is null || r.LastUpdatedTime >= filter.LastModifiedFrom)
                .Where(r => filter?.LastModifiedTo is null || r.LastUpdatedTime <= filter.LastModifiedTo)
                .Select(r => select(r, includeState))
                .ToList();
            return new Page<TMetadata>(values, page.ContinuationToken);
        });
    }

    private async Task<InstanceRecord?> GetEntityRecordAsync(EntityInstanceId id, CancellationToken cancellationToken)
    {
        var record = await _store.GetInstanceAsync(ToEngineId(id).ToString(), cancellationToken).ConfigureAwait(false);
        return record is { Kind: InstanceKind.Entity } ? record : null;
    }

    private SdkEntityMetadata ToMetadata(InstanceRecord record, bool includeState)
    {
        var scheduler = EntitySchedulerState.Parse(record.CustomStatus);
        return new(ToSdkId(record), includeState && record.Output is not null ? new SerializedData(record.Output, _converter) : null)
        {
            LastModifiedTime = record.LastUpdatedTime,
            LockedBy = scheduler.LockedBy,
            BacklogQueueSize = scheduler.Queue.Count,
        };
    }

    private Microsoft.DurableTask.Client.Entities.EntityMetadata<T> ToMetadata<T>(InstanceRecord record, bool includeState)
    {
        var id = ToSdkId(record);
        var scheduler = EntitySchedulerState.Parse(record.CustomStatus);
        return includeState && record.Output is not null
            ? new Microsoft.DurableTask.Client.Entities.EntityMetadata<T>(id, _converter.Deserialize<T>(record.Output)!)
            {
                LastModifiedTime = record.LastUpdatedTime, LockedBy = scheduler.LockedBy, BacklogQueueSize = scheduler.Queue.Count,
            }
            : new Microsoft.DurableTask.Client.Entities.EntityMetadata<T>(id)
            {
                LastModifiedTime = record.LastUpdatedTime, LockedBy = scheduler.LockedBy, BacklogQueueSize = scheduler.Queue.Count,
            };
    }

    private static EntityInstanceId ToSdkId(InstanceRecord record) =>
        new(EntityIds.GetName(record.InstanceId), EntityIds.GetKey(record.InstanceId));

    private static EngineEntityId ToEngineId(EntityInstanceId id) => new(id.Name, id.Key);

    private static string ValidName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return name;
    }
}

using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Client.Entities;
using Nexus.Durable.History;
using Nexus.Durable.Storage;
using SdkDataConverter = Microsoft.DurableTask.DataConverter;
using SdkOrchestrationMetadata = Microsoft.DurableTask.Client.OrchestrationMetadata;
using SdkStartOrchestrationOptions = Microsoft.DurableTask.StartOrchestrationOptions;
using SdkStatus = Microsoft.DurableTask.Client.OrchestrationRuntimeStatus;

namespace Nexus.Durable.Client;

/// <summary>The Durable Task SDK's client (<see cref="DurableTaskClient"/>) over a NEXUS store: starts, queries, controls,
/// waits for and purges orchestration instances, and reaches entities through <see cref="Entities"/>.</summary>
/// <remarks>
/// <para>Works in process against <see cref="IDurableStore"/>; whichever worker runs on the same store executes the
/// instances (they run by name). Values are serialized with the <see cref="SdkDataConverter"/> before anything is stored,
/// so a value that cannot be serialized never leaves a half-created instance or a half-sent message.</para>
/// <para>Not supported by the store, and therefore ignored: <see cref="SdkStartOrchestrationOptions.Version"/>,
/// <see cref="SdkStartOrchestrationOptions.Tags"/> (metadata never carries tags) and
/// <see cref="OrchestrationQuery.TaskHubNames"/> (one store is one task hub). Not supported at all (the base class throws
/// <see cref="NotSupportedException"/>): <see cref="DurableTaskClient.RewindInstanceAsync"/> and
/// <see cref="DurableTaskClient.GetOrchestrationHistoryAsync"/>.</para>
/// <para>Thread-safe. Disposing the client does not dispose the store: whoever created the store owns it.</para>
/// </remarks>
public sealed partial class NexusDurableTaskClient : DurableTaskClient
{
    private static readonly TimeSpan s_firstWait = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan s_longestWait = TimeSpan.FromSeconds(1);

    private readonly IDurableStore _store;
    private readonly SdkDataConverter _converter;
    private readonly TimeProvider _time;
    private readonly NexusDurableEntityClient _entities;

    /// <summary>Creates a client over <paramref name="store"/>.</summary>
    /// <param name="name">The client's name (<see cref="DurableTaskClient.Name"/>).</param>
    /// <param name="store">The store; not disposed by the client.</param>
    /// <param name="converter">Serializes inputs, outputs, event payloads and entity state; default
    /// <see cref="DefaultDataConverter"/>. It must agree with the converter of the worker that runs the instances.</param>
    /// <param name="timeProvider">The clock for creation times, delayed starts and message times; default the system clock.</param>
    public NexusDurableTaskClient(string name, IDurableStore store, SdkDataConverter? converter = null, TimeProvider? timeProvider = null)
        : base(ValidName(name))
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _converter = converter ?? DefaultDataConverter;
        _time = timeProvider ?? TimeProvider.System;
        _entities = new NexusDurableEntityClient(name, store, _converter, _time);
    }

    /// <summary>The converter used when none is given: the engine's own <see cref="Serialization.JsonDataConverter.Default"/>
    /// (System.Text.Json, web defaults — camelCase, case-insensitive reads — enums as strings, <see langword="null"/> read as
    /// a value type's default) through the SDK's seam. The worker's default is the same instance, so values round-trip
    /// with the orchestrations, activities and entities the NEXUS engine runs.</summary>
    public static SdkDataConverter DefaultDataConverter => Sdk.SdkDataConverter.Default;

    /// <summary>The entity client over the same store (always available: the NEXUS engine runs entities).</summary>
    public override DurableEntityClient Entities => _entities;

    /// <summary>Schedules a new orchestration instance and returns its id.</summary>
    /// <remarks>
    /// <para>The id is <see cref="SdkStartOrchestrationOptions.InstanceId"/> or a new GUID (32 hex digits). A
    /// <see cref="SdkStartOrchestrationOptions.StartAt"/> in the future makes the instance Pending until then (the store
    /// delivers its start no earlier); a past one starts it now. An event, a suspension or a resume sent before the start
    /// is kept and delivered after it (the worker puts it back in the inbox, to be looked at again 1 s to 1 min later); a
    /// termination before the start ends the instance Terminated at once.</para>
    /// <para>An existing instance with the id, when <see cref="SdkStartOrchestrationOptions.DedupeStatuses"/> is
    /// <see langword="null"/> (the default, Durable Functions semantics): an active one (Pending, Running, Suspended)
    /// refuses the start; a finished one (Completed, Failed, Terminated) is replaced — its history, inbox and output
    /// deleted. With dedupe statuses: an existing instance in one of them refuses the start; any other is replaced, an active
    /// one after this method has terminated it and waited for it to finish. When every finished status is refused the
    /// check is atomic in the store; otherwise a finished instance is checked just before the create.</para>
    /// </remarks>
    /// <exception cref="ArgumentException">The name or instance id is invalid (ids are 1–256 characters, none of
    /// <c>/ \ # ?</c> or control characters, not starting with <c>@</c>), a dedupe status is invalid, or the input cannot
    /// be serialized. Nothing is created.</exception>
    /// <exception cref="OrchestrationAlreadyExistsException">An instance with the id exists and may not be replaced.
    /// Nothing of it changes.</exception>
    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName, object? input = null, SdkStartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orchestratorName.Name, nameof(orchestratorName));
        var instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        InstanceIds.Validate(instanceId);
        var policy = DedupePolicy.Parse(options?.DedupeStatuses);
        var json = SdkConversions.Serialize(_converter, input, $"input of orchestration '{orchestratorName.Name}'", nameof(input));
        if (policy is not null)
        {
            await ReplaceOrRefuseExistingAsync(instanceId, policy, cancellation).ConfigureAwait(false);
        }

        var now = _time.GetUtcNow();
        await CreateAsync(
            new NewInstance
            {
                InstanceId = instanceId,
                Name = orchestratorName.Name,
                ExecutionId = Guid.NewGuid().ToString("N"),
                Input = json,
                CreatedTime = now,
                StartAt = options?.StartAt is { } startAt && startAt > now ? startAt : null,
                ReuseFinishedId = policy?.RefusesEveryFinishedInstance != true,
            },
            cancellation).ConfigureAwait(false);
        return instanceId;
    }

    /// <summary>Reads an orchestration instance; <see langword="null"/> when there is none (entities are not
    /// orchestrations: <see langword="null"/> for an entity id too).</summary>
    /// <remarks>Input, output and custom status only with <paramref name="getInputsAndOutputs"/>; the runtime status,
    /// times and failure details always. <see cref="SdkOrchestrationMetadata.DataConverter"/> is this client's converter.
    /// A terminated instance's output is the termination output.</remarks>
    /// <exception cref="ArgumentException"><paramref name="instanceId"/> is null or empty.</exception>
    public override async Task<SdkOrchestrationMetadata?> GetInstancesAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var record = await _store.GetInstanceAsync(instanceId, cancellation).ConfigureAwait(false);
        return record is { Kind: InstanceKind.Orchestration } ? SdkConversions.ToMetadata(record, _converter, getInputsAndOutputs) : null;
    }

    /// <summary>Queries orchestration instances (never entities), ordered by creation time then id, a page at a time.</summary>
    /// <remarks><see cref="OrchestrationQuery.CreatedFrom"/> is inclusive, <see cref="OrchestrationQuery.CreatedTo"/>
    /// exclusive; <see cref="OrchestrationQuery.InstanceIdPrefix"/> is ordinal; the page size is 1–1000 (a page-size hint of
    /// <see cref="AsyncPageable{T}.AsPages"/> wins). Continuation tokens are the store's and stay valid across clients of
    /// the same store. <see cref="OrchestrationQuery.TaskHubNames"/> is ignored.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">The page size is outside 1–1000 (when the pages are read).</exception>
    /// <exception cref="ArgumentException">The continuation token is malformed (when the pages are read).</exception>
    public override AsyncPageable<SdkOrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null) =>
        GetAllInstancesAsync(filter, InstanceOrder.CreatedTime, descending: false);

    /// <summary>Queries orchestration instances as <see cref="GetAllInstancesAsync(OrchestrationQuery?)"/> does, ordered by
    /// <paramref name="orderBy"/> then id, from high to low when <paramref name="descending"/> (newest first for the times).</summary>
    /// <remarks>A continuation token continues in the order of the query that made it; pass the same order with it.</remarks>
    public AsyncPageable<SdkOrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter, InstanceOrder orderBy, bool descending)
    {
        var statuses = RuntimeStatusMap.ToEngine(filter?.Statuses);
        var fetchPayloads = filter?.FetchInputsAndOutputs ?? false;
        return Pageable.Create(async (string? continuation, int? pageSizeHint, CancellationToken cancellation) =>
        {
            var query = new InstanceQuery
            {
                RuntimeStatus = statuses,
                CreatedFrom = filter?.CreatedFrom,
                CreatedTo = filter?.CreatedTo,
                InstanceIdPrefix = string.IsNullOrEmpty(filter?.InstanceIdPrefix) ? null : filter.InstanceIdPrefix,
                PageSize = ValidPageSize(pageSizeHint ?? filter?.PageSize ?? OrchestrationQuery.DefaultPageSize),
                ContinuationToken = continuation ?? filter?.ContinuationToken,
                OrderBy = orderBy,
                Descending = descending,
            };
            var page = await _store.QueryInstancesAsync(query, cancellation).ConfigureAwait(false);
            return new Page<SdkOrchestrationMetadata>(
                [.. page.Instances.Select(r => SdkConversions.ToMetadata(r, _converter, fetchPayloads))], page.ContinuationToken);
        });
    }

    /// <summary>Lists the ids of orchestration instances by status and completion time, a page at a time.</summary>
    /// <remarks>The completion-time bounds are inclusive; instances without a completion time are left out when a bound is
    /// given. The key of a page is the store's continuation token: a page may hold fewer ids than
    /// <paramref name="pageSize"/> (the completion-time filter is applied to each page the store returns) and the listing
    /// ends when the returned key is <see langword="null"/>.</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pageSize"/> is outside 1–1000.</exception>
    public override async Task<Page<string>> ListInstanceIdsAsync(
        IEnumerable<SdkStatus>? runtimeStatus = null,
        DateTimeOffset? completedTimeFrom = null,
        DateTimeOffset? completedTimeTo = null,
        int pageSize = OrchestrationQuery.DefaultPageSize,
        string? lastInstanceKey = null,
        CancellationToken cancellation = default)
    {
        var query = new InstanceQuery
        {
            RuntimeStatus = RuntimeStatusMap.ToEngine(runtimeStatus),
            PageSize = ValidPageSize(pageSize),
            ContinuationToken = string.IsNullOrEmpty(lastInstanceKey) ? null : lastInstanceKey,
        };
        var page = await _store.QueryInstancesAsync(query, cancellation).ConfigureAwait(false);
        var ids = page.Instances
            .Where(r => completedTimeFrom is null || r.CompletedTime >= completedTimeFrom)
            .Where(r => completedTimeTo is null || r.CompletedTime <= completedTimeTo)
            .Select(r => r.InstanceId)
            .ToList();
        return new Page<string>(ids, page.ContinuationToken);
    }

    /// <summary>Does nothing: the client holds no resources of its own, and the store belongs to whoever created it.</summary>
    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task CreateAsync(NewInstance instance, CancellationToken cancellationToken)
    {
        try
        {
            await _store.CreateInstanceAsync(instance, cancellationToken).ConfigureAwait(false);
        }
        catch (InstanceAlreadyExistsException e)
        {
            throw new OrchestrationAlreadyExistsException(e.Message, e);
        }
    }

    // Applies dedupe statuses before a create: refuses an existing instance in a refused status; terminates an active one
    // that may be replaced and waits until it has finished, then checks again (it may have finished otherwise meanwhile).
    private async Task ReplaceOrRefuseExistingAsync(string instanceId, DedupePolicy policy, CancellationToken cancellationToken)
    {
        while (await _store.GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false) is { Kind: InstanceKind.Orchestration } existing)
        {
            if (policy.Refuses(existing.RuntimeStatus))
            {
                // NEXUS's exception inside says in which state (the HTTP host's 409 and the CLI name it).
                throw new OrchestrationAlreadyExistsException(
                    $"An orchestration with instance id '{instanceId}' and status '{RuntimeStatusMap.ToSdk(existing.RuntimeStatus)}' already exists.",
                    InstanceAlreadyExistsException.For(instanceId, existing.RuntimeStatus));
            }

            if (existing.RuntimeStatus.IsTerminal())
            {
                return;
            }

            var reason = $"A new instance with id '{instanceId}' was scheduled and its dedupe statuses let the active instance ({existing.RuntimeStatus}) be replaced.";
            await SendAsync(instanceId, new HistoryEvent { Kind = EventKind.ExecutionTerminated, Data = _converter.Serialize(reason) }, cancellationToken).ConfigureAwait(false);
            await WaitUntilAsync(instanceId, false, static s => s.IsTerminal(), cancellationToken).ConfigureAwait(false);
        }
    }

    private ValueTask SendAsync(string instanceId, HistoryEvent e, CancellationToken cancellationToken) =>
        _store.SendMessagesAsync([new OrchestrationMessage(instanceId, e with { Timestamp = _time.GetUtcNow() })], cancellationToken);

    private static int ValidPageSize(int pageSize) =>
        pageSize is >= 1 and <= 1000
            ? pageSize
            : throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, "The page size must be between 1 and 1000.");

    private static string ValidName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return name;
    }
}

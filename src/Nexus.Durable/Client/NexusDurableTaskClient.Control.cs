using DurableTask.Core.Exceptions;
using Microsoft.DurableTask.Client;
using Nexus.Durable.History;
using Nexus.Durable.Storage;

namespace Nexus.Durable.Client;

public sealed partial class NexusDurableTaskClient
{
    /// <summary>Enqueues an external event for an orchestration instance.</summary>
    /// <remarks>As the SDK documents, an event for a finished or missing instance is silently discarded (the store drops
    /// it). An event that arrives before the orchestration waits for it is kept until it does.</remarks>
    /// <exception cref="ArgumentException">An argument is null or empty, <paramref name="instanceId"/> is an entity id, or
    /// the payload cannot be serialized (nothing is sent).</exception>
    public override async Task RaiseEventAsync(
        string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        SdkConversions.EnsureNotEntity(instanceId, nameof(instanceId));
        var json = SdkConversions.Serialize(_converter, eventPayload, $"payload of event '{eventName}'", nameof(eventPayload));
        await SendAsync(instanceId, new HistoryEvent { Kind = EventKind.EventRaised, Name = eventName, Data = json }, cancellation).ConfigureAwait(false);
    }

    /// <summary>Enqueues the termination of an orchestration instance: it becomes Terminated with
    /// <see cref="TerminateInstanceOptions.Output"/> as its output.</summary>
    /// <remarks>
    /// <para>As the SDK documents, terminating a finished or missing instance does nothing. Running activities are not
    /// interrupted; their results are discarded.</para>
    /// <para>With <see cref="TerminateInstanceOptions.Recursive"/>, the sub-orchestrations the instance's current execution
    /// started (and theirs, read from the histories) are terminated with the same output.</para>
    /// <para>A <see langword="null"/> output is stored as the JSON <c>null</c>: the engine tells a termination apart by
    /// its output, so <see cref="OrchestrationMetadata.SerializedOutput"/> reads <c>"null"</c> for it.</para>
    /// </remarks>
    /// <exception cref="ArgumentException"><paramref name="instanceId"/> is null, empty or an entity id, or the output
    /// cannot be serialized (nothing is sent).</exception>
    public override async Task TerminateInstanceAsync(
        string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        SdkConversions.EnsureNotEntity(instanceId, nameof(instanceId));
        var json = SdkConversions.Serialize(_converter, options?.Output, $"termination output of '{instanceId}'", nameof(options)) ?? "null";
        List<string> targets = [instanceId];
        if (options?.Recursive == true)
        {
            targets.AddRange(await CollectDescendantsAsync(instanceId, cancellation).ConfigureAwait(false));
        }

        var now = _time.GetUtcNow();
        var terminated = new HistoryEvent { Kind = EventKind.ExecutionTerminated, Data = json, Timestamp = now };
        await _store.SendMessagesAsync([.. targets.Select(id => new OrchestrationMessage(id, terminated))], cancellation).ConfigureAwait(false);
    }

    /// <summary>Enqueues the suspension of an orchestration instance: it processes no events until resumed (events that
    /// arrive meanwhile wait).</summary>
    /// <remarks>Like the other control messages, a suspension of a finished or missing instance is discarded.</remarks>
    /// <exception cref="ArgumentException"><paramref name="instanceId"/> is null, empty or an entity id.</exception>
    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendControlAsync(instanceId, EventKind.ExecutionSuspended, reason, cancellation);

    /// <summary>Enqueues the resumption of a suspended orchestration instance.</summary>
    /// <remarks>Like the other control messages, a resumption of a finished or missing instance is discarded.</remarks>
    /// <exception cref="ArgumentException"><paramref name="instanceId"/> is null, empty or an entity id.</exception>
    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendControlAsync(instanceId, EventKind.ExecutionResumed, reason, cancellation);

    /// <summary>Starts an orchestration again with the original name and (serialized) input; returns the new instance's id.</summary>
    /// <remarks>With <paramref name="restartWithNewInstanceId"/> the restart gets a new id and the original instance is
    /// untouched (it may still be running). Without it the finished instance is replaced (history, inbox and output
    /// deleted); an active instance is not terminated for it — that is refused.</remarks>
    /// <exception cref="ArgumentException">There is no orchestration with <paramref name="instanceId"/>.</exception>
    /// <exception cref="InvalidOperationException">The instance is still active and the restart would reuse its id.</exception>
    /// <exception cref="OrchestrationAlreadyExistsException">Another start of the same id won the race.</exception>
    public override async Task<string> RestartAsync(
        string instanceId, bool restartWithNewInstanceId = false, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var original = await _store.GetInstanceAsync(instanceId, cancellation).ConfigureAwait(false);
        if (original is not { Kind: InstanceKind.Orchestration })
        {
            throw new ArgumentException($"An orchestration with the instance id '{instanceId}' was not found.", nameof(instanceId));
        }

        if (!restartWithNewInstanceId && original.RuntimeStatus.IsActive())
        {
            throw new InvalidOperationException(
                $"Instance '{instanceId}' is {original.RuntimeStatus}; it can be restarted under its own id only when it has finished (or restart it with a new id).");
        }

        var newId = restartWithNewInstanceId ? Guid.NewGuid().ToString("N") : instanceId;
        await CreateAsync(
            new NewInstance
            {
                InstanceId = newId,
                Name = original.Name,
                ExecutionId = Guid.NewGuid().ToString("N"),
                Input = original.Input,
                CreatedTime = _time.GetUtcNow(),
            },
            cancellation).ConfigureAwait(false);
        return newId;
    }

    private async Task SendControlAsync(string instanceId, EventKind kind, string? reason, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        SdkConversions.EnsureNotEntity(instanceId, nameof(instanceId));
        await SendAsync(instanceId, new HistoryEvent { Kind = kind, Data = _converter.Serialize(reason) }, cancellationToken).ConfigureAwait(false);
    }

    // The sub-orchestrations started by the current executions of the instance and of its descendants, parents first.
    private async Task<List<string>> CollectDescendantsAsync(string instanceId, CancellationToken cancellationToken)
    {
        var found = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { instanceId };
        var pending = new Queue<string>([instanceId]);
        while (pending.TryDequeue(out var id))
        {
            foreach (var e in await _store.GetHistoryAsync(id, cancellationToken).ConfigureAwait(false))
            {
                if (e is { Kind: EventKind.SubOrchestrationInstanceCreated, InstanceId: { } child } && seen.Add(child))
                {
                    found.Add(child);
                    pending.Enqueue(child);
                }
            }
        }

        return found;
    }
}

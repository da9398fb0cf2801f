using Microsoft.Extensions.Logging;
using Nexus.Durable.Entities;

namespace Nexus.Durable.Orchestrations;

/// <summary>What orchestration code uses to schedule durable work. Every method is replay-safe.</summary>
/// <remarks>
/// Tasks returned here complete from the history: on replay, completed work returns its recorded result at once and is
/// never executed again. Activities run at least once: an activity whose worker died before its result was recorded
/// runs again, so make activities idempotent.
/// </remarks>
public abstract class OrchestrationContext
{
    /// <summary>The instance id.</summary>
    public abstract string InstanceId { get; }

    /// <summary>The orchestration name.</summary>
    public abstract string Name { get; }

    /// <summary>The parent's instance id when this is a sub-orchestration.</summary>
    public abstract string? ParentInstanceId { get; }

    /// <summary>Whether the code is being replayed from history (side-effect-free logging uses it).</summary>
    public abstract bool IsReplaying { get; }

    /// <summary>The replay-safe current time: the start of the current episode.</summary>
    public abstract DateTime CurrentUtcDateTime { get; }

    /// <summary>Schedules an activity and returns its result.</summary>
    /// <exception cref="UnknownFunctionException">No activity has this name.</exception>
    /// <exception cref="ArgumentException">The input cannot be serialized.</exception>
    /// <exception cref="TaskFailedException">Thrown by the await when the activity failed (after retries).</exception>
    public abstract Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, TaskOptions? options = null);

    /// <summary>Schedules an activity and waits for it.</summary>
    public Task CallActivityAsync(string name, object? input = null, TaskOptions? options = null) =>
        CallActivityAsync<object?>(name, input, options);

    /// <summary>Starts a sub-orchestration and returns its output.</summary>
    public abstract Task<TResult> CallSubOrchestrationAsync<TResult>(string name, object? input = null, SubOrchestrationOptions? options = null);

    /// <summary>Starts a sub-orchestration and waits for it.</summary>
    public Task CallSubOrchestrationAsync(string name, object? input = null, SubOrchestrationOptions? options = null) =>
        CallSubOrchestrationAsync<object?>(name, input, options);

    /// <summary>A durable timer that fires at <paramref name="fireAt"/> (UTC); cancelling the token abandons it.</summary>
    public abstract Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken);

    /// <summary>A durable timer that fires after <paramref name="delay"/>.</summary>
    public Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken) => CreateTimer(CurrentUtcDateTime + delay, cancellationToken);

    /// <summary>Waits for an external event. Events that arrived earlier are buffered and returned in order.</summary>
    /// <param name="eventName">The event name (case-insensitive).</param>
    /// <param name="timeout">Fail with <see cref="TimeoutException"/> after this long; <see langword="null"/>: wait forever.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    public abstract Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan? timeout = null, CancellationToken cancellationToken = default);

    /// <summary>Sets the custom status (any JSON-serializable value), saved at the end of the episode.</summary>
    public abstract void SetCustomStatus(object? customStatus);

    /// <summary>Restarts the orchestration with <paramref name="newInput"/> and a fresh history once the code returns.
    /// External events that were not consumed are carried into the new execution.</summary>
    public abstract void ContinueAsNew(object? newInput);

    /// <summary>A GUID that is the same on every replay.</summary>
    public abstract Guid NewGuid();

    /// <summary>Sends a one-way operation to an entity.</summary>
    /// <exception cref="UnknownFunctionException">No entity has this name.</exception>
    public abstract void SignalEntity(EntityInstanceId entity, string operationName, object? input = null);

    /// <summary>Calls an entity operation and returns its result.</summary>
    /// <exception cref="UnknownFunctionException">No entity has this name.</exception>
    public abstract Task<TResult> CallEntityAsync<TResult>(EntityInstanceId entity, string operationName, object? input = null);

    /// <summary>Calls an entity operation and waits for it.</summary>
    public Task CallEntityAsync(EntityInstanceId entity, string operationName, object? input = null) =>
        CallEntityAsync<object?>(entity, operationName, input);

    /// <summary>A logger that writes only when the code is not replaying.</summary>
    public abstract ILogger CreateReplaySafeLogger(string categoryName);
}

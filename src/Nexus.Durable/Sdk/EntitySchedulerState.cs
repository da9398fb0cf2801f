using System.Text.Json;
using System.Text.Json.Serialization;
using Nexus.Durable.History;

namespace Nexus.Durable.Sdk;

/// <summary>An entity's lock and the messages it deferred while locked (DurableTask.Core's <c>SchedulerState</c>
/// <c>lockedBy</c> and <c>queue</c>), kept as JSON in the entity instance's custom status, which entities do not otherwise
/// use: written by the same checkpoint as the entity's state, so the lock, the queue and the state never disagree.</summary>
/// <remarks>The entity clients read only the instance's output (the state) and report <see cref="LockedBy"/> and the queue
/// length as the SDK's entity metadata does.</remarks>
internal sealed record EntitySchedulerState
{
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>No lock, nothing deferred.</summary>
    public static EntitySchedulerState Empty { get; } = new();

    /// <summary>The orchestration instance that holds the lock; <see langword="null"/> when the entity is not locked.</summary>
    [JsonPropertyName("lockedBy")]
    public string? LockedBy { get; init; }

    /// <summary>The critical section that holds the lock.</summary>
    [JsonPropertyName("criticalSection")]
    public string? CriticalSectionId { get; init; }

    /// <summary>The deferred requests (operations and lock requests from others than the lock holder) in arrival order.</summary>
    [JsonPropertyName("queue")]
    public IReadOnlyList<HistoryEvent> Queue { get; init; } = [];

    /// <summary>Whether there is nothing to keep.</summary>
    [JsonIgnore]
    public bool IsEmpty => LockedBy is null && Queue.Count == 0;

    /// <summary>Reads the state stored in an entity's custom status (<see langword="null"/> or unrecognised: <see cref="Empty"/>).</summary>
    /// <exception cref="StoreFormatException">The custom status is not a scheduler state.</exception>
    public static EntitySchedulerState Parse(string? customStatus)
    {
        if (string.IsNullOrEmpty(customStatus))
        {
            return Empty;
        }

        try
        {
            return JsonSerializer.Deserialize<EntitySchedulerState>(customStatus, Json) ?? Empty;
        }
        catch (JsonException e)
        {
            throw new StoreFormatException($"An entity's lock state is not readable: {e.Message}", e);
        }
    }

    /// <summary>The value to store: the JSON, or <c>{}</c> to clear a stored state (a checkpoint leaves a
    /// <see langword="null"/> custom status unchanged); <see langword="null"/> when nothing was and nothing is stored.</summary>
    public string? ToCustomStatus(string? stored) =>
        IsEmpty ? (string.IsNullOrEmpty(stored) || stored == "{}" ? null : "{}") : JsonSerializer.Serialize(this, Json);
}

using System.Globalization;
using System.Text.Json;
using Nexus.Durable.History;
using Nexus.Durable.Storage;

namespace Nexus.Durable.Sdk;

/// <summary>An entity message as the SDK's orchestration runner sends it: a legacy <c>SendEvent</c> to <c>@name@key</c>.
/// Named <c>op</c> (or <c>op@time</c>), its data is DurableTask.Core's request message (<c>op</c>, <c>signal</c>, <c>input</c>,
/// <c>id</c>, <c>parent</c>, <c>parentExecution</c>, <c>due</c>; a lock request has no <c>op</c> but a <c>lockset</c> of
/// <c>{"name","key"}</c> entity ids and a <c>pos</c>, omitted when 0); named <c>release</c>, its data is a release message
/// (<c>parent</c>, <c>id</c> = the critical section id). Read here and turned into NEXUS's entity inbox message, so entity
/// calls, signals and locks travel the same way whoever sends them.</summary>
internal static class EntityRequestMessage
{
    /// <summary>The inbox message for the entity <paramref name="target"/>.</summary>
    /// <exception cref="FormatException">The data is not a request or release message.</exception>
    public static OrchestrationMessage ToInboxMessage(string target, string eventName, string? data, string sender, string? senderExecution, DateTimeOffset now)
    {
        try
        {
            using var document = JsonDocument.Parse(data ?? "null");
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException($"The event '{eventName}' sent to entity '{target}' is not an entity message.");
            }

            if (string.Equals(eventName, "release", StringComparison.Ordinal))
            {
                return new OrchestrationMessage(target, new HistoryEvent
                {
                    Kind = EventKind.EntityLockReleased,
                    Timestamp = now,
                    InstanceId = String(root, "parent") ?? sender,
                    RequestId = String(root, "id"),
                });
            }

            if (root.TryGetProperty("lockset", out var lockset) && lockset.ValueKind == JsonValueKind.Array)
            {
                return new OrchestrationMessage(target, LockRequest(target, eventName, root, lockset, sender, senderExecution, now));
            }

            if (!root.TryGetProperty("op", out var op) || op.ValueKind != JsonValueKind.String)
            {
                throw new FormatException($"The event '{eventName}' sent to entity '{target}' is not an entity request message.");
            }

            var signal = root.TryGetProperty("signal", out var s) && s.ValueKind == JsonValueKind.True;
            var e = new HistoryEvent
            {
                Kind = signal ? EventKind.EntityOperationSignaled : EventKind.EntityOperationCalled,
                Timestamp = now,
                Name = op.GetString(),
                Data = String(root, "input"),
                InstanceId = String(root, "parent") ?? sender,
                ExecutionId = String(root, "parentExecution") ?? senderExecution,
                RequestId = String(root, "id"),
            };
            DateTimeOffset? due = root.TryGetProperty("due", out var d) && d.ValueKind == JsonValueKind.String
                ? DateTimeOffset.Parse(d.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal)
                : null;
            return new OrchestrationMessage(target, e, VisibleAt: due);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"The event '{eventName}' sent to entity '{target}' is not JSON: {ex.Message}", ex);
        }
    }

    // A lock request: the whole sorted lock set travels with it, and the position says which entity it is at.
    private static HistoryEvent LockRequest(
        string target, string eventName, JsonElement root, JsonElement lockset, string sender, string? senderExecution, DateTimeOffset now)
    {
        var ids = new List<string>();
        foreach (var item in lockset.EnumerateArray())
        {
            ids.Add(item.ValueKind switch
            {
                JsonValueKind.String => item.GetString()!,
                JsonValueKind.Object when String(item, "name") is { } name && String(item, "key") is { } key => $"@{name}@{key}",
                _ => throw new FormatException($"The lock request '{eventName}' sent to entity '{target}' has an invalid lock set entry: {item.GetRawText()}"),
            });
        }

        var position = root.TryGetProperty("pos", out var pos) && pos.ValueKind == JsonValueKind.Number ? pos.GetInt32() : 0;
        if (position < 0 || position >= ids.Count || !string.Equals(ids[position], target, StringComparison.Ordinal))
        {
            throw new FormatException($"The lock request '{eventName}' sent to entity '{target}' does not name it at its position {position}.");
        }

        return new HistoryEvent
        {
            Kind = EventKind.EntityLockRequested,
            TaskId = position,
            Timestamp = now,
            Data = JsonSerializer.Serialize(ids),
            InstanceId = String(root, "parent") ?? sender,
            ExecutionId = String(root, "parentExecution") ?? senderExecution,
            RequestId = String(root, "id"),
        };
    }

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

using System.Globalization;
using System.Text.Json;
using Nexus.Durable.History;
using Nexus.Durable.Storage;

namespace Nexus.Durable.Sdk;

/// <summary>An entity operation as the SDK's orchestration runner sends it: a legacy <c>SendEvent</c> to <c>@name@key</c>
/// whose data is DurableTask.Core's request message (<c>op</c>, <c>signal</c>, <c>input</c>, <c>id</c>, <c>parent</c>,
/// <c>parentExecution</c>, <c>due</c>, <c>lockset</c>). Read here and turned into NEXUS's entity inbox message, so entity
/// calls and signals travel the same way whoever sends them.</summary>
internal static class EntityRequestMessage
{
    /// <summary>The inbox message for the entity <paramref name="target"/>.</summary>
    /// <exception cref="NotSupportedException">A lock request or release (critical sections are not supported yet).</exception>
    /// <exception cref="FormatException">The data is not a request message.</exception>
    public static OrchestrationMessage ToInboxMessage(string target, string eventName, string? data, string sender, string? senderExecution, DateTimeOffset now)
    {
        if (string.Equals(eventName, "release", StringComparison.Ordinal))
        {
            throw new NotSupportedException($"Entity locks (critical sections) are not supported by NEXUS's engine yet: a lock release was sent to '{target}'.");
        }

        try
        {
            using var document = JsonDocument.Parse(data ?? "null");
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("op", out var op) || op.ValueKind != JsonValueKind.String)
            {
                if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("lockset", out _))
                {
                    throw new NotSupportedException($"Entity locks (critical sections) are not supported by NEXUS's engine yet: a lock was requested from '{target}'.");
                }

                throw new FormatException($"The event '{eventName}' sent to entity '{target}' is not an entity request message.");
            }

            if (root.TryGetProperty("lockset", out var lockset) && lockset.ValueKind == JsonValueKind.Array)
            {
                throw new NotSupportedException($"Entity locks (critical sections) are not supported by NEXUS's engine yet: a lock was requested from '{target}'.");
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

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

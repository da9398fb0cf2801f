using System.Text.Json;

namespace Nexus.Api.Contract.Support;

/// <summary>Task-assignment envelopes as a client queues them (the same for <c>POST /api/queue</c> and the Function App's
/// <c>nexus-submissions</c> queue).</summary>
public static class QueueMessages
{
    /// <summary>An envelope with <paramref name="payload"/> (the project fields, snake_case).</summary>
    public static string Envelope(string messageId, string priority, object payload) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["message_id"] = messageId,
        ["timestamp"] = "2026-11-21T10:00:00+00:00",
        ["from"] = new Dictionary<string, string> { ["agent_id"] = "user", ["agent_type"] = "human" },
        ["to"] = new Dictionary<string, string> { ["agent_id"] = "prime", ["agent_type"] = "orchestrator" },
        ["message_type"] = "create_project",
        ["priority"] = priority,
        ["payload"] = payload,
    });

    /// <summary>A replay project on the demo scenario that waits at the plan gate.</summary>
    public static Dictionary<string, object?> Payload(string? id = null) => new()
    {
        ["description"] = "slugkit from the queue",
        ["id"] = id,
        ["provider"] = "replay",
        ["scenario"] = "demo",
        ["test_command"] = "node --test",
        ["approve_plan"] = true,
    };
}

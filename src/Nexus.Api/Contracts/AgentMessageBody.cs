using System.Text.Json.Serialization;

namespace Nexus.Api.Contracts;

/// <summary>The body of <c>POST /api/agents/{agentId}/message</c>.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record AgentMessageBody
{
    /// <summary>What a caller is told when the body is not such an object.</summary>
    public const string Expected = "The body must be {\"projectId\": \"…\", \"message\": \"…\"}.";

    /// <summary>The project whose context the agent answers in.</summary>
    public string? ProjectId { get; init; }

    /// <summary>What to say (1–20,000 characters).</summary>
    public string? Message { get; init; }
}

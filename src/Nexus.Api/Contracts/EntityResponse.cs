using System.Text.Json;

namespace Nexus.Api.Contracts;

/// <summary>A durable entity's state as the engine keeps it: an agent session (<c>agentsession</c>, key
/// <c>{projectId}:{agent}</c>) or a project's scratchpads (<c>scratchpads</c>, key <c>{projectId}</c>).</summary>
internal sealed record EntityResponse
{
    /// <summary>The entity name (lower case).</summary>
    public required string Name { get; init; }

    /// <summary>The entity key.</summary>
    public required string Key { get; init; }

    /// <summary>The project the entity belongs to (the key up to its first ':').</summary>
    public required string ProjectId { get; init; }

    /// <summary>When its state last changed.</summary>
    public DateTimeOffset LastModifiedTime { get; init; }

    /// <summary>The state, as raw JSON (redacted as every payload the API serves).</summary>
    public JsonElement? State { get; init; }
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace Nexus.Api.Contracts;

/// <summary>A project's status in the Durable Functions shape.</summary>
internal sealed record ProjectStatusResponse
{
    /// <summary>The orchestration name (<c>ProjectOrchestration</c>).</summary>
    public required string Name { get; init; }

    /// <summary>The project id.</summary>
    public required string InstanceId { get; init; }

    /// <summary>Pending, Running, Suspended, Completed, Failed or Terminated.</summary>
    public required string RuntimeStatus { get; init; }

    /// <summary>The project request (omitted with <c>showInput=false</c>).</summary>
    public JsonElement? Input { get; init; }

    /// <summary>The live status: phase, iteration, agents, progress, cost, tests, commits.</summary>
    public JsonElement? CustomStatus { get; init; }

    /// <summary>The report (Completed), the reason (Terminated) or the failure message (Failed).</summary>
    public JsonElement? Output { get; init; }

    /// <summary>When it was created.</summary>
    public DateTimeOffset CreatedTime { get; init; }

    /// <summary>When it last changed.</summary>
    public DateTimeOffset LastUpdatedTime { get; init; }

    /// <summary>The history (<c>showHistory=true</c>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<HistoryEventResponse>? HistoryEvents { get; init; }
}

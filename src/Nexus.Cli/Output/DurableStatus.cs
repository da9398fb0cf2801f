using System.Text.Json.Nodes;
using Nexus.Durable;
using Nexus.Durable.Client;
using OrchestrationMetadata = Microsoft.DurableTask.Client.OrchestrationMetadata;

namespace Nexus.Cli.Output;

/// <summary>An instance's status in the Durable Functions management API shape (<c>nexus status --json</c>).</summary>
internal sealed record DurableStatus(
    string Name,
    string InstanceId,
    OrchestrationRuntimeStatus RuntimeStatus,
    JsonNode? Input,
    JsonNode? CustomStatus,
    JsonNode? Output,
    DateTimeOffset CreatedTime,
    DateTimeOffset LastUpdatedTime)
{
    public static DurableStatus From(OrchestrationMetadata metadata) => new(
        metadata.Name,
        metadata.InstanceId,
        RuntimeStatusMap.ToEngine(metadata.RuntimeStatus),
        CliJson.Parse(metadata.SerializedInput),
        CliJson.Parse(metadata.SerializedCustomStatus),
        CliJson.Parse(metadata.SerializedOutput) ?? (metadata.FailureDetails is { } failure ? JsonValue.Create($"{failure.ErrorType}: {failure.ErrorMessage}") : null),
        metadata.CreatedAt,
        metadata.LastUpdatedAt);
}

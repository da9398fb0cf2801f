using System.Text.Json;
using System.Text.Json.Serialization;
using Nexus.Durable.History;
using Nexus.Durable.Storage;

namespace Nexus.Durable.Postgres;

/// <summary>Source-generated JSON for the few structured values: failures, parked messages, notified instance ids.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(FailureDetails))]
[JsonSerializable(typeof(List<InboxMessage>))]
[JsonSerializable(typeof(string[]))]
internal sealed partial class PostgresJsonContext : JsonSerializerContext
{
    internal static string? Write(FailureDetails? failure) =>
        failure is null ? null : JsonSerializer.Serialize(failure, Default.FailureDetails);

    internal static FailureDetails? ReadFailure(string? json) =>
        json is null ? null : JsonSerializer.Deserialize(json, Default.FailureDetails);
}

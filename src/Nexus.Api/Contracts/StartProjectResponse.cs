using System.Text.Json.Serialization;

namespace Nexus.Api.Contracts;

/// <summary>The Durable Functions management payload of a started project; <see cref="StreamGetUri"/> only where the host
/// serves the stream (<see cref="ApiOptions.ServesStream"/>), never a dead link.</summary>
internal sealed record StartProjectResponse(
    string Id,
    string StatusQueryGetUri,
    string SendEventPostUri,
    string TerminatePostUri,
    string PurgeHistoryDeleteUri,
    string SuspendPostUri,
    string ResumePostUri,
    string RestartPostUri,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? StreamGetUri);

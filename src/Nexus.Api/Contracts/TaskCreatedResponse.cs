using System.Text.Json.Serialization;

namespace Nexus.Api.Contracts;

/// <summary>The answer of <c>POST /api/tasks/create</c> (the original API; the task is a project); <see cref="StreamUri"/>
/// only where the host serves the stream (<see cref="ApiOptions.ServesStream"/>).</summary>
internal sealed record TaskCreatedResponse(
    string TaskId, string Status, string StatusUri, string ResultUri, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? StreamUri);

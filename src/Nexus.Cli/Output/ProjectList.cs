using System.Text.Json.Serialization;

namespace Nexus.Cli.Output;

/// <summary>The object <c>nexus list --json</c> prints: the data directory's projects, or the host's (<c>--server</c>).</summary>
internal sealed record ProjectList(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? DataDirectory,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Server,
    IReadOnlyList<ProjectListItem> Projects);

namespace Nexus.Cli.Output;

/// <summary>The object <c>nexus list --json</c> prints.</summary>
internal sealed record ProjectList(string DataDirectory, IReadOnlyList<ProjectListItem> Projects);

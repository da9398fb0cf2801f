using Nexus.Durable.History;

namespace Nexus.Cli.Output;

/// <summary>The object <c>nexus history --json</c> prints.</summary>
internal sealed record ProjectHistory(string InstanceId, IReadOnlyList<HistoryEvent> HistoryEvents);

using Nexus.Durable.History;

namespace Nexus.Durable.Replay;

/// <summary>A durable task the code awaits: completed by the history event that names its task id.</summary>
internal sealed class OpenTask(string name, EventKind scheduledAs)
{
    public TaskCompletionSource<string?> Completion { get; } = new();

    public string Name { get; } = name;

    public EventKind ScheduledAs { get; } = scheduledAs;
}

using System.Collections.Concurrent;
using Nexus.Agents.Abstractions;

namespace Nexus.Agents.Tests.Backends.Claude;

/// <summary>Keeps every progress report, synchronously (unlike <see cref="Progress{T}"/>, which posts to the thread pool).</summary>
internal sealed class CollectingProgress(Action<AgentProgress>? onReport = null) : IProgress<AgentProgress>
{
    private readonly ConcurrentQueue<AgentProgress> _reports = new();

    public IReadOnlyList<AgentProgress> Reports => [.. _reports];

    public IReadOnlyList<string> Messages => [.. _reports.Select(report => report.Message)];

    public void Report(AgentProgress value)
    {
        _reports.Enqueue(value);
        onReport?.Invoke(value);
    }
}

using Microsoft.DurableTask.Client;

namespace Nexus.Benchmarks.Compare;

/// <summary>A started Durable Task stack the compare workloads drive: an SDK client and how to await a completion.</summary>
internal interface IBenchStack : IAsyncDisposable
{
    /// <summary>The row name, e.g. "NEXUS SQLite (durability full)".</summary>
    string Name { get; }

    /// <summary>The client.</summary>
    DurableTaskClient Client { get; }

    /// <summary>How a completion is observed, for the report (e.g. "store notification", "poll 5 ms").</summary>
    string Waiting { get; }

    /// <summary>Waits until the instance completed (throws when it ended otherwise). <paramref name="latencyCritical"/>:
    /// one instance is being timed (a polling stack polls at its finest interval).</summary>
    Task WaitForCompletionAsync(string instanceId, bool latencyCritical, CancellationToken cancellationToken);
}

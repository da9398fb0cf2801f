using Nexus.Durable.History;

namespace Nexus.Durable.Replay;

/// <summary>One live execution of an orchestration that the worker runs episode by episode (and caches between them).</summary>
/// <remarks>Not thread-safe: one episode at a time (the instance lock guarantees it). A runtime whose episode threw or whose
/// checkpoint failed is discarded; the next episode rebuilds it from the stored history.</remarks>
internal interface IEpisodeRuntime
{
    string InstanceId { get; }

    string? ExecutionId { get; }

    /// <summary>How many history events this runtime has consumed (replayed plus recorded by its episodes).</summary>
    int HistoryCount { get; }

    /// <summary>Whether the execution has ended (this runtime cannot take more episodes).</summary>
    bool IsFinished { get; }

    /// <summary>Runs one episode. <paramref name="pastHistory"/> is given only to a fresh runtime (replay).</summary>
    EpisodeResult RunEpisode(IReadOnlyList<HistoryEvent>? pastHistory, IReadOnlyList<HistoryEvent> newEvents, DateTimeOffset now);
}

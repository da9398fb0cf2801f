using Nexus.Durable.History;
using Nexus.Durable.Replay;

namespace Nexus.Durable.Tests.Replay;

/// <summary>One episode of a recorded history and what replaying the code produced for it.</summary>
/// <param name="Start">The position of the episode's <c>OrchestratorStarted</c> in the history.</param>
/// <param name="Recorded">The episode as recorded, from <c>OrchestratorStarted</c> to <c>OrchestratorCompleted</c>.</param>
/// <param name="Result">What the code produced when replayed up to the episode and fed its incoming events.</param>
/// <param name="IsLast">Whether it is the history's last episode.</param>
internal sealed record ReplayedEpisode(int Start, IReadOnlyList<HistoryEvent> Recorded, EpisodeResult Result, bool IsLast);

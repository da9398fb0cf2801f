namespace Nexus.Benchmarks.Host;

/// <summary>One Server-Sent Event as the client received it: its type, its id (history position for <c>history</c>), and
/// the Stopwatch timestamp when its terminating blank line was read.</summary>
internal sealed record SseArrival(string Type, string? Id, long ArrivedAt);

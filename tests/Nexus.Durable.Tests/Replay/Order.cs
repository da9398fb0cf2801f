namespace Nexus.Durable.Tests.Replay;

public sealed record Order(string Id, decimal Amount, IReadOnlyList<string> Items);

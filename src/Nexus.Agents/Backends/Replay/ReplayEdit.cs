namespace Nexus.Agents.Backends.Replay;

/// <summary>A recorded file edit: <c>{"path", "content", "delete"}</c>.</summary>
public sealed record ReplayEdit(string Path, string? Content = null, bool Delete = false);

using Nexus.Agents.Abstractions;

namespace Nexus.Agents.Backends.Replay;

/// <summary>A recorded failure: <c>{"kind", "message", "statusCode"}</c>; <c>kind</c> is an <see cref="AgentErrorKind"/> name (any case).</summary>
public sealed record ReplayError(AgentErrorKind Kind, string Message, int? StatusCode = null);

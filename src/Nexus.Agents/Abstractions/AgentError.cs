namespace Nexus.Agents.Abstractions;

/// <summary>Why a turn failed, classified so that callers can decide to retry, fall back or stop.</summary>
public sealed record AgentError(AgentErrorKind Kind, string Message)
{
    /// <summary>The HTTP status the model API answered, when known (401, 429, 529, …).</summary>
    public int? StatusCode { get; init; }

    /// <summary>Whether retrying the same turn may succeed (rate limits, overload, 5xx, timeouts).</summary>
    public bool IsTransient => Kind is AgentErrorKind.Transient or AgentErrorKind.Timeout;
}

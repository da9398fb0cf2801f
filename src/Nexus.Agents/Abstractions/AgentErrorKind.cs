namespace Nexus.Agents.Abstractions;

/// <summary>Classes of agent failure.</summary>
public enum AgentErrorKind
{
    /// <summary>Not classified.</summary>
    Unknown = 0,

    /// <summary>Rate limited (429), overloaded (529), server error (5xx) or a connection failure: retry with backoff.</summary>
    Transient,

    /// <summary>The turn exceeded its time limit.</summary>
    Timeout,

    /// <summary>The credentials were refused (401/403): retrying will not help.</summary>
    Authentication,

    /// <summary>The session to resume no longer exists ("No conversation found"): start a new one seeded from the scratchpads.</summary>
    SessionExpired,

    /// <summary>The agent used all its turns (<c>error_max_turns</c>).</summary>
    MaxTurns,

    /// <summary>The agent hit its spending cap (<c>error_max_budget_usd</c>).</summary>
    Budget,

    /// <summary>The model does not exist on the backend: fall back to the next model.</summary>
    ModelNotFound,

    /// <summary>The reply did not follow the required structure, or an edit was refused (for example a path outside the workspace).</summary>
    InvalidResponse,

    /// <summary>The backend is not configured or its program is missing (for example no <c>claude</c> on PATH, no API key).</summary>
    NotConfigured,

    /// <summary>The turn was cancelled.</summary>
    Canceled,
}

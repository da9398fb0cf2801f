namespace Nexus.Workflows.Live;

/// <summary>What a <see cref="LiveActivity"/> is about.</summary>
public enum LiveActivityKind
{
    /// <summary>Text the agent wrote while it works.</summary>
    Message,

    /// <summary>The agent used a tool on a file, a command or a pattern ("Write src/csv2json.js").</summary>
    Tool,

    /// <summary>A session started, or an expired session was replaced by a fresh one seeded from the scratchpads.</summary>
    Session,

    /// <summary>A failed attempt is retried, or the next fallback model is tried; the text says why.</summary>
    Retry,

    /// <summary>A chat model's reply is streaming in.</summary>
    Streaming,

    /// <summary>A step runs again after an earlier attempt was interrupted (a crash; its lease had to expire first).</summary>
    Recovery,

    /// <summary>The project has spent most of its budget.</summary>
    Budget,
}

namespace Nexus.Agents.Abstractions;

/// <summary>What an <see cref="AgentProgress"/> note is about.</summary>
public enum AgentProgressKind
{
    /// <summary>Text the agent wrote, or anything else worth showing.</summary>
    Message,

    /// <summary>The agent used a tool (<see cref="AgentProgress.Tool"/>, on <see cref="AgentProgress.Target"/>).</summary>
    Tool,

    /// <summary>A session started, or an expired one was replaced by a fresh one.</summary>
    Session,

    /// <summary>A failed attempt is retried or the next fallback model is tried; the note says why.</summary>
    Retry,

    /// <summary>A chat model's reply is streaming in (how much has arrived so far).</summary>
    Streaming,
}

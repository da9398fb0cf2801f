namespace Nexus.Agents.Messaging;

/// <summary>How urgently a message should be handled. On the wire: <c>low</c>, <c>normal</c>, <c>high</c>, <c>critical</c>.</summary>
public enum MessagePriority
{
    /// <summary>Background work.</summary>
    Low = 0,

    /// <summary>The default.</summary>
    Normal = 1,

    /// <summary>Ahead of normal work.</summary>
    High = 2,

    /// <summary>Ahead of everything (for example a stop request).</summary>
    Critical = 3,
}

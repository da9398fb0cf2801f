namespace Nexus.Agents.Security;

/// <summary>The severities of <see cref="SecurityFinding"/>.</summary>
public static class SecuritySeverity
{
    /// <summary>Blocks <c>done</c>: the finding goes back to Code.</summary>
    public const string High = "high";

    /// <summary>Reported; does not block.</summary>
    public const string Medium = "medium";

    /// <summary>Reported; does not block.</summary>
    public const string Low = "low";
}

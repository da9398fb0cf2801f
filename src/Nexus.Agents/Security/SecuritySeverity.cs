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

    /// <summary>The order of <paramref name="severity"/> in a report: 0 for high, 1 for medium, 2 for the rest.</summary>
    public static int Rank(string severity) => severity switch { High => 0, Medium => 1, _ => 2 };
}

namespace Nexus.Workflows.Memory;

/// <summary>The kinds of <see cref="MemoryEntry"/>.</summary>
public static class MemoryKinds
{
    /// <summary>The project's plan (PLAN.md, else Aria's last plan summary).</summary>
    public const string Plan = "plan";

    /// <summary>One of Prime's decisions with its reason.</summary>
    public const string Decision = "decision";

    /// <summary>A failing test and the change that fixed it.</summary>
    public const string Fix = "fix";

    /// <summary>The final QA gate report.</summary>
    public const string Quality = "qa";

    /// <summary>The final Security gate report.</summary>
    public const string Security = "security";

    /// <summary>How the project ended (completed or failed, and why).</summary>
    public const string Outcome = "outcome";
}

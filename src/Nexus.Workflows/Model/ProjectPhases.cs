namespace Nexus.Workflows.Model;

/// <summary>The phases a project goes through; <see cref="ProjectStatus.Phase"/> is exactly one of them.</summary>
public static class ProjectPhases
{
    /// <summary>Aria analyses the description and plans.</summary>
    public const string Plan = "plan";

    /// <summary>Waiting for a person to approve the plan.</summary>
    public const string Approval = "approval";

    /// <summary>Code implements.</summary>
    public const string Implement = "implement";

    /// <summary>Alpha writes tests.</summary>
    public const string WriteTests = "write_tests";

    /// <summary>The tests really run, then Beta analyses them.</summary>
    public const string Validate = "validate";

    /// <summary>Prime decides what happens next.</summary>
    public const string Review = "review";

    /// <summary>Finished (completed or failed).</summary>
    public const string Done = "done";

    /// <summary>All phases, in order.</summary>
    public static IReadOnlyList<string> All { get; } = [Plan, Approval, Implement, WriteTests, Validate, Review, Done];
}

namespace Nexus.Workflows.Model;

/// <summary>Prime's routing decisions.</summary>
public static class RouteDecision
{
    /// <summary>The tests are green and the work is complete.</summary>
    public const string Done = "done";

    /// <summary>Back to Code with the failures.</summary>
    public const string FixImplementation = "fix_implementation";

    /// <summary>Back to Alpha: the tests are wrong.</summary>
    public const string FixTests = "fix_tests";

    /// <summary>Back to Aria: the plan is wrong.</summary>
    public const string Replan = "replan";

    /// <summary>Ask a person (the approval gate).</summary>
    public const string NeedsHuman = "needs_human";

    /// <summary>All decisions.</summary>
    public static IReadOnlyList<string> All { get; } = [Done, FixImplementation, FixTests, Replan, NeedsHuman];
}

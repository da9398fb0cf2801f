namespace Nexus.Agents.Roles;

/// <summary>The ids of the five built-in agents.</summary>
public static class AgentIds
{
    /// <summary>Prime, the orchestrator: decides each routing step.</summary>
    public const string Prime = "prime";

    /// <summary>Aria, the coordinator: analyses, plans, writes acceptance criteria.</summary>
    public const string Aria = "aria";

    /// <summary>Code, the developer: implements.</summary>
    public const string Code = "code";

    /// <summary>Alpha, the test creator: writes tests.</summary>
    public const string Alpha = "alpha";

    /// <summary>Beta, the test validator: runs tests and analyses failures.</summary>
    public const string Beta = "beta";

    /// <summary>The built-in ids in team order.</summary>
    public static IReadOnlyList<string> BuiltIn { get; } = [Prime, Aria, Code, Alpha, Beta];
}

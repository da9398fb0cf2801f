namespace Nexus.Agents.Abstractions;

/// <summary>A personality profile as the product describes it; turned into the agent's system prompt.</summary>
public sealed record AgentPersona
{
    /// <summary>The role in one phrase (for example "Coordinator").</summary>
    public required string Role { get; init; }

    /// <summary>Core traits.</summary>
    public IReadOnlyList<string> CoreTraits { get; init; } = [];

    /// <summary>How it communicates.</summary>
    public string CommunicationStyle { get; init; } = string.Empty;

    /// <summary>How it decides.</summary>
    public string DecisionMaking { get; init; } = string.Empty;

    /// <summary>What it is good at.</summary>
    public IReadOnlyList<string> Strengths { get; init; } = [];

    /// <summary>Domains of expertise.</summary>
    public IReadOnlyList<string> ExpertiseDomains { get; init; } = [];

    /// <summary>Extra instructions appended verbatim to the system prompt.</summary>
    public string? Instructions { get; init; }

    /// <summary>The handoff scratchpads this agent reads before its turn (for example <c>aria_to_code.md</c>).</summary>
    public IReadOnlyList<string> ReadsScratchpads { get; init; } = [];

    /// <summary>The handoff scratchpads this agent's turn produces (its final message is recorded as them).</summary>
    public IReadOnlyList<string> WritesScratchpads { get; init; } = [];
}

using Nexus.Workflows.Model;

namespace Nexus.Workflows.Activities;

/// <summary>The input of <see cref="RunAgentStepActivity"/>: everything an agent step needs, recorded in the history.</summary>
public sealed record AgentStepInput
{
    /// <summary>The project.</summary>
    public required string ProjectId { get; init; }

    /// <summary>The agent (aria, code, alpha, beta, prime).</summary>
    public required string AgentId { get; init; }

    /// <summary>The phase this step belongs to.</summary>
    public required string Phase { get; init; }

    /// <summary>The iteration.</summary>
    public int Iteration { get; init; }

    /// <summary>This agent's turn number (1-based) — replay turns and step keys come from it.</summary>
    public required int Turn { get; init; }

    /// <summary>The commit the step starts from; an interrupted step restarts from it.</summary>
    public required string StartCommit { get; init; }

    /// <summary>The agent's last recorded session (resumed; forked when this step is a retry).</summary>
    public string? SessionId { get; init; }

    /// <summary>What the agent is asked to do in this step.</summary>
    public required string Instruction { get; init; }

    /// <summary>Extra material for the prompt and the agent's output scratchpad (for example the test results).</summary>
    public string? Attachment { get; init; }

    /// <summary>Whether the step ends with a commit authored as the agent.</summary>
    public bool Commit { get; init; }

    /// <summary>A JSON schema the reply must follow (Prime's decision).</summary>
    public string? OutputSchema { get; init; }

    /// <summary>The project request (provider, model, scenario).</summary>
    public required ProjectRequest Request { get; init; }

    /// <summary>Set when the project has spent most of its budget (USD or tokens) before this step: shown as live activity.</summary>
    public string? BudgetWarning { get; init; }

    /// <summary>The step key that keys scratchpad writes.</summary>
    public string StepKey => $"{Phase}/{AgentId}/{Turn:000}";
}

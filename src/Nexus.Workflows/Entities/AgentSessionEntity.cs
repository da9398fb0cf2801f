using Microsoft.DurableTask.Entities;
using Nexus.Workflows.Model;

namespace Nexus.Workflows.Entities;

/// <summary>Per project × agent: backend, model, session id, turns, tokens, cost, status, last activity.</summary>
/// <remarks>Changed only by the project orchestration, after a turn's result has been recorded in its history.</remarks>
public sealed class AgentSessionEntity : TaskEntity<AgentSessionState>
{
    /// <summary>The registered entity name.</summary>
    public const string EntityName = "agentsession";

    /// <summary>The entity of <paramref name="agent"/> in <paramref name="projectId"/>.</summary>
    public static EntityInstanceId IdFor(string projectId, string agent) => new(EntityName, $"{projectId}:{agent}");

    /// <summary>The agent started a turn.</summary>
    public void Start(DateTime at) => State = State with { Status = "running", LastActivity = at };

    /// <summary>A turn's result was recorded.</summary>
    public void Record(AgentTurnRecord turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        State = State with
        {
            Agent = turn.Agent,
            Backend = turn.Backend,
            Model = turn.Model,
            SessionId = turn.SessionId ?? State.SessionId,
            Turns = State.Turns + 1,
            Tokens = State.Tokens + turn.Tokens,
            CostUsd = State.CostUsd + turn.CostUsd,
            Status = turn.Succeeded ? "idle" : "failed",
            LastActivity = turn.At,
        };
    }

    /// <summary>The project ended: <c>done</c>, or <c>failed</c> for the agent whose turn failed or was cut off.</summary>
    public void Finish(string status) => State = State with { Status = status };

    /// <inheritdoc/>
    protected override AgentSessionState InitializeState(TaskEntityOperation entityOperation) => new();
}

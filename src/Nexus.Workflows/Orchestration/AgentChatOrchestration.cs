using Microsoft.DurableTask;
using Nexus.Workflows.Activities;
using Nexus.Workflows.Entities;
using Nexus.Workflows.Model;

namespace Nexus.Workflows.Orchestration;

/// <summary>One conversational turn with an agent of a project: the turn is an activity (recorded once, never run again),
/// then the agent's AgentSession entity records its tokens and cost.</summary>
/// <remarks>The turn runs in a throw-away clone of the project's workspace, so it can read the code but never changes it,
/// even while the project runs.</remarks>
public sealed class AgentChatOrchestration : TaskOrchestrator<AgentChatInput, AgentChatReply>
{
    /// <summary>The registered name.</summary>
    public const string Name = nameof(AgentChatOrchestration);

    /// <inheritdoc/>
    public override async Task<AgentChatReply> RunAsync(TaskOrchestrationContext context, AgentChatInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var result = await context.CallActivityAsync<AgentStepResult>(AgentChatActivity.Name, input).ConfigureAwait(true);
        var tokens = result.InputTokens + result.OutputTokens;

        // The chat's forked session is not the agent's workflow session, so the entity keeps its own (SessionId null).
        await context.Entities.SignalEntityAsync(
            AgentSessionEntity.IdFor(input.ProjectId, input.AgentId),
            nameof(AgentSessionEntity.Record),
            new AgentTurnRecord(input.AgentId, result.Backend, result.Model, null, tokens, result.CostUsd, result.Succeeded, context.CurrentUtcDateTime)).ConfigureAwait(true);
        return new AgentChatReply
        {
            ChatId = context.InstanceId,
            ProjectId = input.ProjectId,
            AgentId = input.AgentId,
            Succeeded = result.Succeeded,
            Reply = result.Text,
            Backend = result.Backend,
            Model = result.Model,
            Tokens = tokens,
            CostUsd = result.CostUsd,
            Error = result.Succeeded ? null : $"{result.ErrorKind}: {result.Error}",
        };
    }
}

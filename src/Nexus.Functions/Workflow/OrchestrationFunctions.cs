using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Nexus.Workflows.Activities;
using Nexus.Workflows.Model;
using Nexus.Workflows.Orchestration;

namespace Nexus.Functions.Workflow;

/// <summary>The workflow's orchestrations as orchestrator functions: thin wrappers over the same
/// <see cref="TaskOrchestrator{TInput, TOutput}"/> classes NEXUS's engine runs (the SDK's source generator, which would
/// write these, is not available here).</summary>
public static class OrchestrationFunctions
{
    /// <summary>The project workflow.</summary>
    [Function(ProjectOrchestration.Name)]
    public static Task<ProjectReport> RunProject([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new ProjectOrchestration().RunAsync(context, context.GetInput<ProjectRequest>()!);
    }

    /// <summary>A conversation turn with an agent.</summary>
    [Function(AgentChatOrchestration.Name)]
    public static Task<AgentChatReply> RunAgentChat([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new AgentChatOrchestration().RunAsync(context, context.GetInput<AgentChatInput>()!);
    }
}

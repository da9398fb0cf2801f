using Nexus.Agents.Roles;
using Nexus.Durable.Registry;
using Nexus.Workflows.Activities;
using Nexus.Workflows.Entities;
using Nexus.Workflows.Orchestration;

namespace Nexus.Workflows.Hosting;

/// <summary>Registers the project workflow: its orchestration, activities and entities.</summary>
internal static class WorkflowRegistration
{
    public static void Register(DurableRegistry registry, WorkflowServices services, AgentCatalog catalog)
    {
        registry
            .AddOrchestration<ProjectOrchestration>()
            .AddOrchestration<AgentChatOrchestration>()
            .AddActivity(PrepareWorkspaceActivity.Name, () => new PrepareWorkspaceActivity(services))
            .AddActivity(RunAgentStepActivity.Name, () => new RunAgentStepActivity(services, catalog))
            .AddActivity(RunTestsActivity.Name, () => new RunTestsActivity(services))
            .AddActivity(ListFilesActivity.Name, () => new ListFilesActivity(services))
            .AddActivity(AgentChatActivity.Name, () => new AgentChatActivity(services, catalog))
            .AddEntity<AgentSessionEntity>(AgentSessionEntity.EntityName, () => new AgentSessionEntity())
            .AddEntity<ScratchpadsEntity>(ScratchpadsEntity.EntityName, () => new ScratchpadsEntity());
    }
}

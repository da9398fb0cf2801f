using Nexus.Agents.Roles;
using Nexus.Durable.Registry;
using Nexus.Workflows.Activities;
using Nexus.Workflows.Entities;
using Nexus.Workflows.Orchestration;

using Nexus.Workflows.Hosting;

namespace Nexus.Hosting;

/// <summary>Registers the project workflow (Microsoft.DurableTask orchestrators, activities and entities) with NEXUS's
/// engine. Activities get the host's cancellation: it fires when the orchestration ends or the worker stops.</summary>
internal static class WorkflowRegistration
{
    public static void Register(DurableRegistry registry, WorkflowServices services, AgentCatalog catalog)
    {
        registry
            .AddTaskOrchestrator<ProjectOrchestration>()
            .AddTaskOrchestrator<AgentChatOrchestration>()
            .AddTaskActivity(PrepareWorkspaceActivity.Name, run => new PrepareWorkspaceActivity(services, run.CancellationToken))
            .AddTaskActivity(RunAgentStepActivity.Name, run => new RunAgentStepActivity(services, catalog, run.CancellationToken))
            .AddTaskActivity(RunTestsActivity.Name, run => new RunTestsActivity(services, run.CancellationToken))
            .AddTaskActivity(ListFilesActivity.Name, run => new ListFilesActivity(services, run.CancellationToken))
            .AddTaskActivity(ScaffoldWorkspaceActivity.Name, run => new ScaffoldWorkspaceActivity(services, run.CancellationToken))
            .AddTaskActivity(RaiseAlertActivity.Name, _ => new RaiseAlertActivity())
            .AddTaskActivity(RecordMemoryActivity.Name, run => new RecordMemoryActivity(services, run.CancellationToken))
            .AddTaskActivity(AgentChatActivity.Name, run => new AgentChatActivity(services, catalog, run.CancellationToken))
            .AddTaskEntity(AgentSessionEntity.EntityName, () => new AgentSessionEntity())
            .AddTaskEntity(ScratchpadsEntity.EntityName, () => new ScratchpadsEntity())
            .AddTaskEntity(ProjectJournalEntity.EntityName, () => new ProjectJournalEntity());
    }
}

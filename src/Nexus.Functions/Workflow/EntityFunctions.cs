using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Entities;
using Nexus.Workflows.Entities;

namespace Nexus.Functions.Workflow;

/// <summary>The workflow's entities as entity functions: the dispatcher hands each operation to the same
/// <see cref="TaskEntity{TState}"/> classes NEXUS's engine runs.</summary>
public static class EntityFunctions
{
    /// <summary>An agent's session in a project.</summary>
    [Function(AgentSessionEntity.EntityName)]
    public static Task RunAgentSession([EntityTrigger] TaskEntityDispatcher dispatcher)
    {
        ArgumentNullException.ThrowIfNull(dispatcher);
        return dispatcher.DispatchAsync(AgentSession);
    }

    /// <summary>A project's scratchpads.</summary>
    [Function(ScratchpadsEntity.EntityName)]
    public static Task RunScratchpads([EntityTrigger] TaskEntityDispatcher dispatcher)
    {
        ArgumentNullException.ThrowIfNull(dispatcher);
        return dispatcher.DispatchAsync(Scratchpads);
    }

    /// <summary>A project's step journal (what a retry takes finished steps from).</summary>
    [Function(ProjectJournalEntity.EntityName)]
    public static Task RunProjectJournal([EntityTrigger] TaskEntityDispatcher dispatcher)
    {
        ArgumentNullException.ThrowIfNull(dispatcher);
        return dispatcher.DispatchAsync(ProjectJournal);
    }

    /// <summary>One operation on an agent session (what the dispatcher runs).</summary>
    public static ValueTask<object?> AgentSession(TaskEntityOperation operation) => new AgentSessionEntity().RunAsync(operation);

    /// <summary>One operation on a project's scratchpads (what the dispatcher runs).</summary>
    public static ValueTask<object?> Scratchpads(TaskEntityOperation operation) => new ScratchpadsEntity().RunAsync(operation);

    /// <summary>One operation on a project's step journal (what the dispatcher runs).</summary>
    public static ValueTask<object?> ProjectJournal(TaskEntityOperation operation) => new ProjectJournalEntity().RunAsync(operation);
}

using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Nexus.Workflows.Activities;

namespace Nexus.Functions.Workflow;

/// <summary>The workflow's activities as activity functions: each constructs the same <see cref="TaskActivity{TInput, TOutput}"/>
/// class NEXUS's engine runs, with this worker's services and the Durable client bound to the invocation (the agent step
/// reads the scratchpads entity through it), and runs it with the invocation's cancellation.</summary>
public sealed class ActivityFunctions(WorkflowHost host)
{
    /// <summary>Clones or prepares a project's workspace.</summary>
    [Function(PrepareWorkspaceActivity.Name)]
    public Task<string> PrepareWorkspace([ActivityTrigger] string projectId, [DurableClient] DurableTaskClient client, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new PrepareWorkspaceActivity(host.ServicesFor(client), context.CancellationToken).RunAsync(Context(PrepareWorkspaceActivity.Name, context), projectId);
    }

    /// <summary>One agent turn.</summary>
    [Function(RunAgentStepActivity.Name)]
    public Task<AgentStepResult> RunAgentStep([ActivityTrigger] AgentStepInput input, [DurableClient] DurableTaskClient client, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new RunAgentStepActivity(host.ServicesFor(client), host.Agents, context.CancellationToken).RunAsync(Context(RunAgentStepActivity.Name, context), input);
    }

    /// <summary>A real test run at a commit.</summary>
    [Function(RunTestsActivity.Name)]
    public Task<TestRunOutcome> RunTests([ActivityTrigger] TestRunInput input, [DurableClient] DurableTaskClient client, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new RunTestsActivity(host.ServicesFor(client), context.CancellationToken).RunAsync(Context(RunTestsActivity.Name, context), input);
    }

    /// <summary>The files of a project's workspace.</summary>
    [Function(ListFilesActivity.Name)]
    public Task<IReadOnlyList<string>> ListFiles([ActivityTrigger] string projectId, [DurableClient] DurableTaskClient client, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new ListFilesActivity(host.ServicesFor(client), context.CancellationToken).RunAsync(Context(ListFilesActivity.Name, context), projectId);
    }

    /// <summary>A template's scaffold as the workspace's first commit.</summary>
    [Function(ScaffoldWorkspaceActivity.Name)]
    public Task<ScaffoldOutcome> ScaffoldWorkspace([ActivityTrigger] ScaffoldInput input, [DurableClient] DurableTaskClient client, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new ScaffoldWorkspaceActivity(host.ServicesFor(client), context.CancellationToken).RunAsync(Context(ScaffoldWorkspaceActivity.Name, context), input);
    }

    /// <summary>A performance alert, counted on the meter (the step itself puts it in the history).</summary>
    [Function(RaiseAlertActivity.Name)]
    public static Task<bool> RaiseAlert([ActivityTrigger] AlertInput input, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new RaiseAlertActivity().RunAsync(Context(RaiseAlertActivity.Name, context), input);
    }

    /// <summary>Stores what a finished project learned in the memory across projects (nothing, and says so, where the app
    /// has no shared PostgreSQL store).</summary>
    [Function(RecordMemoryActivity.Name)]
    public Task<MemoryOutcome> RecordMemory([ActivityTrigger] MemoryInput input, [DurableClient] DurableTaskClient client, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new RecordMemoryActivity(host.ServicesFor(client), context.CancellationToken).RunAsync(Context(RecordMemoryActivity.Name, context), input);
    }

    /// <summary>A conversation turn's agent call.</summary>
    [Function(AgentChatActivity.Name)]
    public Task<AgentStepResult> AgentChat([ActivityTrigger] AgentChatInput input, [DurableClient] DurableTaskClient client, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new AgentChatActivity(host.ServicesFor(client), host.Agents, context.CancellationToken).RunAsync(Context(AgentChatActivity.Name, context), input);
    }

    // The orchestration's instance id is in the trigger's binding data (the chat activity names its folder after it).
    private static FunctionActivityContext Context(string name, FunctionContext context) =>
        new(name, context.BindingContext.BindingData.TryGetValue("instanceId", out var id) && id is string instanceId ? instanceId : context.InvocationId);
}

using Microsoft.DurableTask;

namespace Nexus.Compatibility.Tests.Scenarios;

/// <summary>Runs <see cref="ChildOrchestrator"/> as a sub-orchestration with a known instance id and returns its output.</summary>
public sealed class ParentOrchestrator : TaskOrchestrator<string, string>
{
    /// <summary>The child's instance id: the parent's followed by this suffix.</summary>
    public const string ChildSuffix = ":child";

    public override Task<string> RunAsync(TaskOrchestrationContext context, string input) =>
        context.CallSubOrchestratorAsync<string>(
            nameof(ChildOrchestrator),
            input,
            new SubOrchestrationOptions(retry: null, instanceId: context.InstanceId + ChildSuffix));
}

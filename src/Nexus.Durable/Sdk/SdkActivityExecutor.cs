using DurableTask.Core;
using Microsoft.DurableTask;
using Nexus.Durable.Activities;

namespace Nexus.Durable.Sdk;

/// <summary>Runs a Microsoft.DurableTask activity the way the SDK's worker does: through the SDK's activity shim, which
/// reads the protocol's input (the stored value inside a JSON array again, see <see cref="ProtocolInput"/>) and serializes
/// the output with the worker's converter.</summary>
internal static class SdkActivityExecutor
{
    /// <summary>Runs <paramref name="activity"/>; returns its serialized output. Exceptions are the activity's.</summary>
    public static Task<string?> RunAsync(ITaskActivity activity, ActivityContext context, string executionId, string? input, SdkRunners runners)
    {
        var shim = runners.Shims.CreateActivity(new TaskName(context.Name), activity);
        var core = new TaskContext(new OrchestrationInstance { InstanceId = context.InstanceId, ExecutionId = executionId });
        return shim.RunAsync(core, ProtocolInput.Wrap(input));
    }
}

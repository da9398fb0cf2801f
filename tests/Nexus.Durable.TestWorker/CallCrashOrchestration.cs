using Microsoft.DurableTask;

namespace Nexus.Durable.TestWorker;

/// <summary>Calls <c>Crash</c> once (without catching): it fails when the activity is parked as poison.</summary>
internal sealed class CallCrashOrchestration : TaskOrchestrator<object?, int>
{
    public const string Name = "CallCrash";

    public override Task<int> RunAsync(TaskOrchestrationContext context, object? input) => context.CallActivityAsync<int>(CrashActivity.Name, 1);
}

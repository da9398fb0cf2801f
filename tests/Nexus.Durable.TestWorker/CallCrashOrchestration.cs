using Nexus.Durable.Orchestrations;

namespace Nexus.Durable.TestWorker;

/// <summary>Calls <c>Crash</c> once (without catching): it fails when the activity is parked as poison.</summary>
internal sealed class CallCrashOrchestration : Orchestration<object?, int>
{
    public const string Name = "CallCrash";

    public override Task<int> RunAsync(OrchestrationContext context, object? input) => context.CallActivityAsync<int>(CrashActivity.Name, 1);
}

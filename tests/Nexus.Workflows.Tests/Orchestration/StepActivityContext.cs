using Microsoft.DurableTask;

namespace Nexus.Workflows.Tests.Orchestration;

/// <summary>The SDK's activity context for an activity a test runs directly (as the engine would on a redelivery).</summary>
internal sealed class StepActivityContext(string name, string instanceId) : TaskActivityContext
{
    public override TaskName Name { get; } = new(name);

    public override string InstanceId { get; } = instanceId;
}

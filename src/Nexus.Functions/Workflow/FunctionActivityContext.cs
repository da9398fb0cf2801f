using Microsoft.DurableTask;

namespace Nexus.Functions.Workflow;

/// <summary>The activity context the workflow's activity classes receive when a function runs them.</summary>
internal sealed class FunctionActivityContext(string name, string instanceId) : TaskActivityContext
{
    public override TaskName Name { get; } = new(name);

    public override string InstanceId { get; } = instanceId;
}

using System.Collections.Immutable;
using Microsoft.Azure.Functions.Worker;

namespace Nexus.Functions.Tests.Support;

/// <summary>The invocation context an activity function receives, with what the app's activity wrappers read: the
/// cancellation and the orchestration's instance id in the trigger's binding data (as the Durable extension binds it).</summary>
internal sealed class TestFunctionContext(string functionName, string instanceId, IServiceProvider services, CancellationToken cancellationToken) : FunctionContext
{
    public override string InvocationId { get; } = Guid.NewGuid().ToString();

    public override string FunctionId => functionName;

    public override TraceContext TraceContext => throw new NotSupportedException("The activity wrappers read no trace context.");

    public override BindingContext BindingContext { get; } = new Binding(instanceId);

    public override RetryContext RetryContext => throw new NotSupportedException("The activity wrappers read no retry context.");

    public override IServiceProvider InstanceServices { get; set; } = services;

    public override FunctionDefinition FunctionDefinition => throw new NotSupportedException("The activity wrappers read no function definition.");

    public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();

    public override IInvocationFeatures Features => throw new NotSupportedException("The activity wrappers read no invocation features.");

    public override CancellationToken CancellationToken { get; } = cancellationToken;

    private sealed class Binding(string instanceId) : BindingContext
    {
        public override IReadOnlyDictionary<string, object?> BindingData { get; } = ImmutableDictionary<string, object?>.Empty.Add("instanceId", instanceId);
    }
}

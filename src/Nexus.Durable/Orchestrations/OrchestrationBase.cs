namespace Nexus.Durable.Orchestrations;

/// <summary>The engine's view of an orchestration. Users derive from <see cref="Orchestration{TInput, TOutput}"/>.</summary>
public abstract class OrchestrationBase
{
    private protected OrchestrationBase()
    {
    }

    internal abstract Type InputType { get; }

    internal abstract Task<object?> RunUntypedAsync(OrchestrationContext context, object? input);
}

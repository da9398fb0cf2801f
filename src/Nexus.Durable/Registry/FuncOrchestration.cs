using Nexus.Durable.Orchestrations;

namespace Nexus.Durable.Registry;

/// <summary>An orchestration written as a function.</summary>
internal sealed class FuncOrchestration<TInput, TOutput>(Func<OrchestrationContext, TInput, Task<TOutput>> run)
    : Orchestration<TInput, TOutput>
{
    public override Task<TOutput> RunAsync(OrchestrationContext context, TInput input) => run(context, input);
}

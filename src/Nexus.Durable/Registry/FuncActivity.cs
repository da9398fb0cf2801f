using Nexus.Durable.Activities;

namespace Nexus.Durable.Registry;

/// <summary>An activity written as a function.</summary>
internal sealed class FuncActivity<TInput, TOutput>(Func<ActivityContext, TInput, Task<TOutput>> run) : Activity<TInput, TOutput>
{
    public override Task<TOutput> RunAsync(ActivityContext context, TInput input) => run(context, input);
}

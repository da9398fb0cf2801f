using Nexus.Durable.Registry;

namespace Nexus.Benchmarks.Engine;

/// <summary>The benchmark's orchestrations and its no-op activity.</summary>
internal static class BenchWorkflows
{
    public const string Sequence = "Sequence5";
    public const string FanOut = "FanOut";
    public const string NoOp = "NoOp";
    public const string Stamp = "Stamp";
    public const int SequenceLength = 5;

    public static void Register(DurableRegistry registry)
    {
        registry.AddActivity<int, int>(NoOp, static (_, x) => Task.FromResult(x));
        registry.AddOrchestration<int, int>(Sequence, static async (context, input) =>
        {
            var x = input;
            for (var i = 0; i < SequenceLength; i++)
            {
                x = await context.CallActivityAsync<int>(NoOp, x);
            }

            return x;
        });
        // Returns the time its first episode started (the worker's clock): the pickup workload's end mark.
        registry.AddOrchestration<int, long>(Stamp, static (context, _) => Task.FromResult(context.CurrentUtcDateTime.Ticks));
        registry.AddOrchestration<int, int>(FanOut, static async (context, width) =>
        {
            var calls = new Task<int>[width];
            for (var i = 0; i < width; i++)
            {
                calls[i] = context.CallActivityAsync<int>(NoOp, i);
            }

            var results = await Task.WhenAll(calls);
            return results.Sum();
        });
    }
}

using Microsoft.DurableTask;

namespace Nexus.Benchmarks.Workflows;

/// <summary>The benchmark's orchestrators and its no-op activity: Microsoft.DurableTask classes, registered the same way
/// on every stack (NEXUS's engine through <c>DurableRegistry.AddTasks</c>, Microsoft's workers directly).</summary>
internal static class BenchWorkflows
{
    public const string Sequence = nameof(Sequence5Orchestrator);
    public const string FanOut = nameof(FanOutOrchestrator);
    public const string Stamp = nameof(StampOrchestrator);
    public const string NoOp = nameof(NoOpActivity);
    public const int SequenceLength = 5;

    public static void Register(DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry
            .AddOrchestrator<Sequence5Orchestrator>()
            .AddOrchestrator<FanOutOrchestrator>()
            .AddOrchestrator<StampOrchestrator>()
            .AddOrchestrator<ChainOrchestrator>()
            .AddActivity<NoOpActivity>();
    }
}

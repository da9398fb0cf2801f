using Microsoft.DurableTask;

namespace Nexus.Compatibility.Tests.Scenarios;

/// <summary>The one list of the scenario orchestrators and activities, registered the same way on every backend.</summary>
public static class CompatibilityScenarios
{
    /// <summary>Registers every scenario type (class-based, named after the type) with <paramref name="registry"/>.</summary>
    public static void Register(DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry
            .AddOrchestrator<ActivityChainOrchestrator>()
            .AddOrchestrator<ApprovalOrchestrator>()
            .AddOrchestrator<FanOutFanInOrchestrator>()
            .AddOrchestrator<ParentOrchestrator>()
            .AddOrchestrator<ChildOrchestrator>()
            .AddOrchestrator<CounterOrchestrator>()
            .AddOrchestrator<EventWaitOrchestrator>()
            .AddOrchestrator<FailingActivityOrchestrator>()
            .AddOrchestrator<FailureReportOrchestrator>()
            .AddOrchestrator<MissingTaskOrchestrator>()
            .AddOrchestrator<ThrowingOrchestrator>()
            .AddOrchestrator<ChildFailureReportOrchestrator>()
            .AddOrchestrator<CustomStatusOrchestrator>()
            .AddOrchestrator<EventCollectorOrchestrator>()
            .AddOrchestrator<NullOutputOrchestrator>()
            .AddOrchestrator<EntityCounterOrchestrator>()
            .AddEntity<CounterEntity>()
            .AddActivity<GreetActivity>()
            .AddActivity<SquareActivity>()
            .AddActivity<FailingActivity>();
    }
}

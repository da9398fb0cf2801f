using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Nexus.Compatibility.Backends;
using Nexus.Compatibility.Tests.Scenarios;
using Nexus.Compatibility.Tests.Support;
using Shouldly;
using Xunit;

namespace Nexus.Compatibility.Tests;

/// <summary>
/// Every scenario once, for any backend: a backend passes when each instance ends with the outcome (runtime status,
/// serialized output, failure details) that the Microsoft.DurableTask SDK defines — the one Microsoft's own stack
/// produces (<see cref="MicrosoftAzureStorageCompatibilityTests"/>). A backend's test class is one line deriving from
/// this one; see README.md.
/// </summary>
public abstract partial class CompatibilityTests<TBackend>(CompatibilityBackendFixture<TBackend> fixture)
    : IClassFixture<CompatibilityBackendFixture<TBackend>>
    where TBackend : class, ICompatibilityBackend<TBackend>
{
    protected DurableTaskClient Client => fixture.Backend.Client;

    protected static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ActivityChain_ThreeActivities_ReturnsTheirResultsInOrder()
    {
        string id = await StartAsync(nameof(ActivityChainOrchestrator), input: null);

        OrchestrationMetadata instance = await Client.WaitForCompletionAsync(id, Cancellation);

        ScenarioOutcome.Of(instance).ShouldBe(ScenarioOutcome.Completed("Hello Tokyo! Hello Seattle! Hello London!"));
    }

    [Fact]
    public async Task FanOutFanIn_TenActivities_ReturnsTheSumOfTheirResults()
    {
        string id = await StartAsync(nameof(FanOutFanInOrchestrator), 10);

        OrchestrationMetadata instance = await Client.WaitForCompletionAsync(id, Cancellation);

        ScenarioOutcome.Of(instance).ShouldBe(ScenarioOutcome.Completed(385)); // 1² + 2² + … + 10²
    }

    [Fact]
    public async Task SubOrchestration_ChildCompletes_ParentReturnsTheChildsOutput()
    {
        string id = await StartAsync(nameof(ParentOrchestrator), "Paris");

        OrchestrationMetadata parent = await Client.WaitForCompletionAsync(id, Cancellation);
        OrchestrationMetadata? child = await Client.GetInstanceAsync(id + ParentOrchestrator.ChildSuffix, getInputsAndOutputs: true, Cancellation);

        ScenarioOutcome.Of(parent).ShouldBe(ScenarioOutcome.Completed("Hello Paris!"));
        child.ShouldNotBeNull();
        child.Name.ShouldBe(nameof(ChildOrchestrator));
        ScenarioOutcome.Of(child).ShouldBe(ScenarioOutcome.Completed("Hello Paris!"));
    }

    [Fact]
    public async Task ContinueAsNew_CounterFromZero_CompletesWithThree()
    {
        string id = await StartAsync(nameof(CounterOrchestrator), 0);

        OrchestrationMetadata instance = await Client.WaitForCompletionAsync(id, Cancellation);

        ScenarioOutcome.Of(instance).ShouldBe(ScenarioOutcome.Completed(CounterOrchestrator.Target));
        instance.ReadInputAs<int>().ShouldBe(CounterOrchestrator.Target); // the last generation's input
    }

    /// <summary>Starts <paramref name="orchestrator"/> with a fresh instance id (readable in a failure message).</summary>
    protected Task<string> StartAsync(string orchestrator, object? input) =>
        Client.ScheduleNewOrchestrationInstanceAsync(
            orchestrator,
            input,
            new StartOrchestrationOptions { InstanceId = $"{orchestrator}-{Guid.NewGuid():N}" },
            Cancellation);
}

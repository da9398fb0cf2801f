using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using Nexus.Compatibility.Backends;
using Nexus.Compatibility.Tests.Scenarios;
using Nexus.Compatibility.Tests.Support;
using Shouldly;
using Xunit;

namespace Nexus.Compatibility.Tests;

/// <summary>Custom status, events across continue-as-new, a null output.</summary>
public abstract partial class CompatibilityTests<TBackend>
{
    [Fact]
    public async Task CustomStatus_SetTwiceThenWaiting_ShowsTheLastOneWhileRunningAndAfterCompletion()
    {
        string? expected = JsonDataConverter.Default.Serialize(CustomStatusOrchestrator.Waiting);
        string id = await StartAsync(nameof(CustomStatusOrchestrator), input: null);

        OrchestrationMetadata waiting = await Client.WaitUntilAsync(
            id, m => m.SerializedCustomStatus is not null, "showing a custom status", InstancePolling.DefaultTimeout, Cancellation);
        await Client.RaiseEventAsync(id, CustomStatusOrchestrator.DoneEvent, "done", Cancellation);
        OrchestrationMetadata instance = await Client.WaitForCompletionAsync(id, Cancellation);

        waiting.SerializedCustomStatus.ShouldBe(expected);
        ScenarioOutcome.Of(instance).ShouldBe(ScenarioOutcome.Completed("done"));
        instance.SerializedCustomStatus.ShouldBe(expected);
    }

    [Fact]
    public async Task ContinueAsNew_EventsRaisedInARowWithPreservedEvents_EachGenerationTakesTheNextInOrder()
    {
        string id = await StartAsync(nameof(EventCollectorOrchestrator), input: null);
        await Client.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Running, Cancellation);

        foreach (string item in new[] { "a", "b", "c" })
        {
            await Client.RaiseEventAsync(id, EventCollectorOrchestrator.ItemEvent, item, Cancellation);
        }

        OrchestrationMetadata instance = await Client.WaitForCompletionAsync(id, Cancellation);

        ScenarioOutcome.Of(instance).ShouldBe(ScenarioOutcome.Completed("a,b,c"));
        instance.ReadInputAs<string>().ShouldBe("a,b"); // the last generation's input
    }

    [Fact]
    public async Task NullOutput_OrchestratorReturnsNull_CompletedWithoutOutput()
    {
        string id = await StartAsync(nameof(NullOutputOrchestrator), input: null);

        OrchestrationMetadata instance = await Client.WaitForCompletionAsync(id, Cancellation);

        ScenarioOutcome.Of(instance).ShouldBe(new ScenarioOutcome(OrchestrationRuntimeStatus.Completed, SerializedOutput: null, Failure: null));
    }
}

using Microsoft.DurableTask.Client;
using Nexus.Compatibility.Backends;
using Nexus.Compatibility.Tests.Scenarios;
using Nexus.Compatibility.Tests.Support;
using Shouldly;
using Xunit;

namespace Nexus.Compatibility.Tests;

/// <summary>Timers, external events, suspend/resume and terminate.</summary>
public abstract partial class CompatibilityTests<TBackend>
{
    [Fact]
    public async Task TimerRace_EventBeforeTimer_ReturnsApproved()
    {
        string id = await StartAsync(nameof(ApprovalOrchestrator), 300);
        await Client.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Running, Cancellation);

        await Client.RaiseEventAsync(id, ApprovalOrchestrator.ApprovalEvent, "yes", Cancellation);
        OrchestrationMetadata instance = await Client.WaitForCompletionAsync(id, Cancellation);

        ScenarioOutcome.Of(instance).ShouldBe(ScenarioOutcome.Completed(ApprovalOrchestrator.Approved));
    }

    [Fact]
    public async Task TimerRace_TimerBeforeEvent_ReturnsTimedOut()
    {
        string id = await StartAsync(nameof(ApprovalOrchestrator), 1);

        OrchestrationMetadata instance = await Client.WaitForCompletionAsync(id, Cancellation);

        ScenarioOutcome.Of(instance).ShouldBe(ScenarioOutcome.Completed(ApprovalOrchestrator.TimedOut));
    }

    [Fact]
    public async Task SuspendResume_EventRaisedWhileSuspended_StaysSuspendedUntilResumed()
    {
        string id = await StartAsync(nameof(EventWaitOrchestrator), input: null);
        await Client.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Running, Cancellation);

        await Client.SuspendInstanceAsync(id, "compatibility test", Cancellation);
        OrchestrationMetadata suspended = await Client.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Suspended, Cancellation);
        await Client.RaiseEventAsync(id, EventWaitOrchestrator.ProceedEvent, "go", Cancellation);

        // Proof that the event reached the suspended instance without a fixed sleep: the backend records an update
        // (the event, buffered) after the suspension's, and the instance is still Suspended.
        OrchestrationMetadata afterEvent = await Client.WaitUntilAsync(
            id, m => m.LastUpdatedAt > suspended.LastUpdatedAt, "updated after the event", InstancePolling.DefaultTimeout, Cancellation);
        afterEvent.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Suspended);

        await Client.ResumeInstanceAsync(id, "compatibility test", Cancellation);
        OrchestrationMetadata instance = await Client.WaitForCompletionAsync(id, Cancellation);

        ScenarioOutcome.Of(instance).ShouldBe(ScenarioOutcome.Completed(EventWaitOrchestrator.OutputPrefix + "go"));
    }

    [Fact]
    public async Task Terminate_InstanceWaitingForever_TerminatedWithTheGivenOutput()
    {
        string id = await StartAsync(nameof(EventWaitOrchestrator), input: null);
        await Client.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Running, Cancellation);

        await Client.TerminateInstanceAsync(id, new TerminateInstanceOptions(Output: "stopped by the test"), Cancellation);
        OrchestrationMetadata instance = await Client.WaitForCompletionAsync(id, Cancellation);

        ScenarioOutcome.Of(instance).ShouldBe(ScenarioOutcome.Terminated("stopped by the test"));
    }
}

using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Nexus.Compatibility.Backends;
using Nexus.Compatibility.Tests.Scenarios;
using Nexus.Compatibility.Tests.Support;
using Shouldly;
using Xunit;

namespace Nexus.Compatibility.Tests;

/// <summary>Failure details and the client's own wait.</summary>
public abstract partial class CompatibilityTests<TBackend>
{
    /// <summary>
    /// The failure of <see cref="FailingActivityOrchestrator"/> as the SDK defines it: a <see cref="TaskFailedException"/>
    /// naming the task and its id, whose inner failure is the activity's exception.
    /// </summary>
    private static readonly FailureSummary ActivityFailure = new(
        typeof(TaskFailedException).FullName!,
        $"Task '{nameof(FailingActivity)}' (#0) failed with an unhandled exception: {FailingActivity.Message}",
        HasStackTrace: true,
        new FailureSummary(typeof(InvalidOperationException).FullName!, FailingActivity.Message, HasStackTrace: true, Inner: null));

    /// <summary>The failure of <see cref="ThrowingOrchestrator"/>: its own exception, with no inner failure.</summary>
    private static readonly FailureSummary OrchestratorFailure = new(
        typeof(InvalidOperationException).FullName!, ThrowingOrchestrator.Message, HasStackTrace: true, Inner: null);

    /// <summary>
    /// Whether <see cref="DurableTaskClient.GetInstanceAsync(string, bool, CancellationToken)"/> reports a failed
    /// instance's <see cref="OrchestrationMetadata.FailureDetails"/>, as documented ("the failure details if the
    /// orchestration was in a failed state"). True unless a backend's test class says otherwise, with its reason.
    /// </summary>
    protected virtual bool ClientReportsFailureDetails => true;

    [Fact]
    public async Task ActivityFailure_ActivityThrows_InstanceFailedWithTaskFailedDetails()
    {
        string id = await StartAsync(nameof(FailingActivityOrchestrator), input: null);

        OrchestrationMetadata instance = await Client.WaitForCompletionAsync(id, Cancellation);

        // The output of a failed instance is not compared: the SDK leaves it unspecified (see README.md).
        instance.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Failed);
        if (ClientReportsFailureDetails)
        {
            FailureSummary.Of(instance.FailureDetails).ShouldBe(ActivityFailure);
            instance.FailureDetails!.IsCausedBy<TaskFailedException>().ShouldBeTrue();
            instance.FailureDetails.InnerFailure!.IsCausedBy<InvalidOperationException>().ShouldBeTrue();
        }
        else
        {
            instance.FailureDetails.ShouldBeNull(); // fails when the backend starts reporting them: update README.md
        }
    }

    [Fact]
    public async Task ActivityFailure_CaughtByParentOrchestration_ParentSeesTheChildsFailureDetails()
    {
        string id = await StartAsync(nameof(FailureReportOrchestrator), input: null);

        OrchestrationMetadata instance = await Client.WaitForCompletionAsync(id, Cancellation);

        ScenarioOutcome.Of(instance).ShouldBe(ScenarioOutcome.Completed(ActivityFailure));
    }

    [Fact]
    public async Task OrchestratorFailure_OrchestratorThrows_InstanceFailedWithTheExceptionsDetails()
    {
        string id = await StartAsync(nameof(ThrowingOrchestrator), input: null);

        OrchestrationMetadata instance = await Client.WaitForCompletionAsync(id, Cancellation);

        instance.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Failed);
        if (ClientReportsFailureDetails)
        {
            FailureSummary.Of(instance.FailureDetails).ShouldBe(OrchestratorFailure);
        }
    }

    [Fact]
    public async Task OrchestratorFailure_CaughtByParentOrchestration_ParentSeesTheExceptionsDetails()
    {
        string id = await StartAsync(nameof(ChildFailureReportOrchestrator), input: null);

        OrchestrationMetadata instance = await Client.WaitForCompletionAsync(id, Cancellation);

        ScenarioOutcome.Of(instance).ShouldBe(ScenarioOutcome.Completed(OrchestratorFailure));
    }

    [Fact]
    public async Task MissingTask_ActivityNotRegistered_CallerSeesActivityTaskNotFound()
    {
        string id = await StartAsync(nameof(MissingTaskOrchestrator), "activity");

        OrchestrationMetadata instance = await Client.WaitForCompletionAsync(id, Cancellation);

        // The SDK's worker reports a name it does not know with these details (GrpcDurableTaskWorker.Processor).
        ScenarioOutcome.Of(instance).ShouldBe(ScenarioOutcome.Completed(new FailureSummary(
            "ActivityTaskNotFound", $"No activity task named '{MissingTaskOrchestrator.MissingActivity}' was found.", HasStackTrace: false, Inner: null)));
    }

    [Fact]
    public async Task MissingTask_OrchestratorNotRegistered_CallerSeesOrchestratorTaskNotFound()
    {
        string id = await StartAsync(nameof(MissingTaskOrchestrator), "orchestrator");

        OrchestrationMetadata instance = await Client.WaitForCompletionAsync(id, Cancellation);

        ScenarioOutcome.Of(instance).ShouldBe(ScenarioOutcome.Completed(new FailureSummary(
            "OrchestratorTaskNotFound", $"No orchestrator task named '{MissingTaskOrchestrator.MissingOrchestrator}' was found.", HasStackTrace: false, Inner: null)));
    }

    [Fact]
    public async Task WaitForInstanceCompletionAsync_AlreadyCompleted_ReturnsTheCompletedInstance()
    {
        string id = await StartAsync(nameof(ActivityChainOrchestrator), input: null);
        await Client.WaitForCompletionAsync(id, Cancellation);

        // Documented: "If an orchestration instance is already complete when this method is called, the method will
        // return immediately." (bounded anyway, so that a backend that blocks fails instead of hanging the run).
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        bounded.CancelAfter(InstancePolling.DefaultTimeout);
        OrchestrationMetadata instance = await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, bounded.Token);

        ScenarioOutcome.Of(instance).ShouldBe(ScenarioOutcome.Completed("Hello Tokyo! Hello Seattle! Hello London!"));
    }
}

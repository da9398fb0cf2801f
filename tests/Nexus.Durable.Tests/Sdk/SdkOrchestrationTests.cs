using Microsoft.DurableTask.Entities;
using Nexus.Durable.History;
using Nexus.Durable.Registry;
using Nexus.Durable.Testing;
using Nexus.Durable.Tests.Support;
using Shouldly;
using Xunit;
using SdkStatus = Microsoft.DurableTask.Client.OrchestrationRuntimeStatus;
using static Nexus.Durable.Tests.Sdk.SdkScenarios;

namespace Nexus.Durable.Tests.Sdk;

/// <summary>Microsoft.DurableTask orchestrators, activities and entities executed by NEXUS's worker through the SDK's own
/// runners (GrpcOrchestrationRunner, GrpcEntityRunner, the SDK's activity shim).</summary>
public sealed class SdkOrchestrationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static void Register(DurableRegistry r) => r
        .AddTaskActivity<AddOne>()
        .AddTaskActivity<Boom>()
        .AddTaskActivity<SumAll>()
        .AddTaskOrchestrator<Chain>()
        .AddTaskOrchestrator<FanOut>()
        .AddTaskOrchestrator<TimerOrEvent>()
        .AddTaskOrchestrator<Parent>()
        .AddTaskOrchestrator<FailingParent>()
        .AddTaskOrchestrator<Failing>()
        .AddTaskOrchestrator<Counting>()
        .AddTaskOrchestrator<WaitForApproval>()
        .AddTaskOrchestrator<UsesCounter>()
        .AddTaskEntity<Counter>();

    private static Task<DurableTestHost> StartAsync() => DurableTestHost.StartAsync(Register, cancellationToken: Ct);

    [Fact]
    public async Task CallActivityAsync_Chain_ReturnsOutputCustomStatusAndProtocolHistory()
    {
        await using var host = await StartAsync();

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(Chain), 10, Ct);
        var result = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Ct);
        var history = await host.Store.GetHistoryAsync(id, Ct);

        result.RuntimeStatus.ShouldBe(SdkStatus.Completed);
        result.ReadOutputAs<int>().ShouldBe(13);
        result.SerializedCustomStatus.ShouldBe("""{"step":"chained","value":13}""");
        var scheduled = history.Where(e => e.Kind == EventKind.TaskScheduled).ToList();
        scheduled.Select(e => e.TaskId).ShouldBe([0, 1, 2]);
        scheduled[0].Data.ShouldBe("10"); // the value: the protocol's [10] is unwrapped in the history, wrapped again for the SDK
        history.Last(e => e.Kind != EventKind.OrchestratorCompleted).Kind.ShouldBe(EventKind.ExecutionCompleted);
    }

    [Fact]
    public async Task WhenAll_FanOutOf50ThenAnArrayInput_SumsEveryResult()
    {
        await using var host = await StartAsync();

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(FanOut), 50, Ct);
        var result = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Ct);

        result.ReadOutputAs<int>().ShouldBe(Enumerable.Range(2, 50).Sum());
    }

    [Fact]
    public async Task WaitForExternalEvent_EventBeforeTimer_Approved()
    {
        await using var host = await StartAsync();

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(TimerOrEvent), 3600, Ct);
        await host.Client.RaiseEventAsync(id, Approval, "yes", Ct);
        var result = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Ct);

        result.ReadOutputAs<string>().ShouldBe("approved: yes");
    }

    [Fact]
    public async Task CreateTimer_TimerBeforeEvent_TimedOut()
    {
        await using var host = await StartAsync();

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(TimerOrEvent), 0, Ct);
        var result = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Ct);

        result.ReadOutputAs<string>().ShouldBe("timed out");
        (await host.Store.GetHistoryAsync(id, Ct)).ShouldContain(e => e.Kind == EventKind.TimerFired);
    }

    [Fact]
    public async Task CallSubOrchestratorAsync_ChildCompletes_ParentGetsItsOutput()
    {
        await using var host = await StartAsync();

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(Parent), 1, Ct);
        var result = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Ct);

        result.ReadOutputAs<string>().ShouldBe("child said 4");
        (await host.Client.GetInstanceAsync($"{id}-child", Ct))!.RuntimeStatus.ShouldBe(SdkStatus.Completed);
        (await host.Store.GetInstanceAsync($"{id}-child", Ct))!.Parent!.InstanceId.ShouldBe(id);
    }

    [Fact]
    public async Task CallActivityAsync_ActivityThrows_FailureDetailsWithInnerFailure()
    {
        await using var host = await StartAsync();

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(Failing), "x", Ct);
        var result = await host.Client.WaitForInstanceCompletionAsync(id, Ct);

        result.RuntimeStatus.ShouldBe(SdkStatus.Failed);
        result.FailureDetails!.ErrorType.ShouldBe(typeof(Microsoft.DurableTask.TaskFailedException).FullName);
        result.FailureDetails.InnerFailure!.ErrorType.ShouldBe(typeof(InvalidOperationException).FullName);
        result.FailureDetails.InnerFailure.ErrorMessage.ShouldBe("boom: x");
        result.FailureDetails.InnerFailure.InnerFailure!.ErrorMessage.ShouldBe("inner");
    }

    [Fact]
    public async Task CallSubOrchestratorAsync_ChildFails_ParentCatchesTheActivitysFailure()
    {
        await using var host = await StartAsync();

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(FailingParent), "y", Ct);
        var result = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Ct);

        result.RuntimeStatus.ShouldBe(SdkStatus.Completed);
        result.ReadOutputAs<string>().ShouldStartWith("caught: ");
    }

    [Fact]
    public async Task ContinueAsNew_ThreeTimes_FreshHistoryAndFinalOutput()
    {
        await using var host = await StartAsync();

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(Counting), 0, Ct);
        var result = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Ct);
        var history = await host.Store.GetHistoryAsync(id, Ct);

        result.ReadOutputAs<int>().ShouldBe(3);
        history.Count(e => e.Kind == EventKind.ExecutionStarted).ShouldBe(1);
        history.First(e => e.Kind == EventKind.ExecutionStarted).Data.ShouldBe("3");
    }

    [Fact]
    public async Task SuspendInstanceAsync_EventWhileSuspended_DeliveredOnlyAfterResume()
    {
        await using var host = await StartAsync();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForApproval), Ct);
        await WaitForStatusAsync(host, id, OrchestrationRuntimeStatus.Running);

        await host.Client.SuspendInstanceAsync(id, "hold", Ct);
        await WaitForStatusAsync(host, id, OrchestrationRuntimeStatus.Suspended);
        await host.Client.RaiseEventAsync(id, Approval, "ok", Ct);
        await WaitForHistoryAsync(host, id, EventKind.EventRaised);
        (await host.Client.GetInstanceAsync(id, Ct))!.RuntimeStatus.ShouldBe(SdkStatus.Suspended);

        await host.Client.ResumeInstanceAsync(id, "go", Ct);
        var result = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Ct);
        result.ReadOutputAs<string>().ShouldBe("got ok");
    }

    [Fact]
    public async Task TerminateInstanceAsync_Waiting_TerminatedWithReason()
    {
        await using var host = await StartAsync();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForApproval), Ct);
        await WaitForStatusAsync(host, id, OrchestrationRuntimeStatus.Running);

        await host.Client.TerminateInstanceAsync(id, "enough", Ct);
        var result = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Ct);

        result.RuntimeStatus.ShouldBe(SdkStatus.Terminated);
        result.ReadOutputAs<string>().ShouldBe("enough");
    }

    [Fact]
    public async Task Entities_SignalCallAndFailingCall_OneOperationAtATimeAndFailureRolledBack()
    {
        await using var host = await StartAsync();

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(UsesCounter), "k1", Ct);
        var result = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Ct);

        result.RuntimeStatus.ShouldBe(SdkStatus.Completed);
        result.ReadOutputAs<int>().ShouldBe(15); // the failing operation's State = -1000 was rolled back
        result.ReadCustomStatusAs<string>().ShouldBe("the counter refuses");
        var entity = await host.Client.Entities.GetEntityAsync<int>(new EntityInstanceId("counter", "k1"), cancellation: Ct);
        entity!.State.ShouldBe(15);
    }

    [Fact]
    public async Task Engine_OnSqlite_RunsSdkOrchestrationsAcrossARestart()
    {
        await using var database = new TempDatabase();
        string id;
        await using (var first = await DurableTestHost.StartAsync(Register, store: await database.OpenAsync(), cancellationToken: Ct))
        {
            id = await first.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForApproval), Ct);
            await WaitForStatusAsync(first, id, OrchestrationRuntimeStatus.Running);
        }

        // A new worker replays the stored history through the SDK's runner and carries on.
        await using var second = await DurableTestHost.StartAsync(Register, store: await database.OpenAsync(), cancellationToken: Ct);
        await second.Client.RaiseEventAsync(id, Approval, "after restart", Ct);
        var result = await second.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Ct);
        result.ReadOutputAs<string>().ShouldBe("got after restart");
    }

    private static async Task WaitForStatusAsync(DurableTestHost host, string id, OrchestrationRuntimeStatus status)
    {
        while ((await host.Store.GetInstanceAsync(id, Ct))?.RuntimeStatus != status)
        {
            await host.Store.WaitForInstanceChangeAsync(id, TimeSpan.FromSeconds(1), Ct);
        }
    }

    private static async Task WaitForHistoryAsync(DurableTestHost host, string id, EventKind kind)
    {
        while (!(await host.Store.GetHistoryAsync(id, Ct)).Any(e => e.Kind == kind))
        {
            await host.Store.WaitForInstanceChangeAsync(id, TimeSpan.FromSeconds(1), Ct);
        }
    }
}

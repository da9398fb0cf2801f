using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Nexus.Durable.History;
using Nexus.Durable.Testing;
using Nexus.Durable.Tests.Client;
using Shouldly;
using Xunit;
using SdkStatus = Microsoft.DurableTask.Client.OrchestrationRuntimeStatus;

namespace Nexus.Durable.Tests.Errors;

public sealed class BadInputTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<DurableTestHost> StartAsync() => DurableTestHost.StartAsync(
        r => r
            .AddTaskActivityFunc<int, int>("Known", (_, x) => Task.FromResult(x))
            .AddTaskOrchestratorFunc<int, int>("CallsUnknown", (ctx, x) => ctx.CallActivityAsync<int>("Unknwon", x))
            .AddTaskOrchestratorFunc<int, int>("Waits", async (ctx, _) => await ctx.WaitForExternalEvent<int>("x"))
            .AddTaskOrchestratorFunc<int, int>("Echo", (_, x) => Task.FromResult(x)),
        o => o.MaxDequeueCount = 2,
        cancellationToken: Ct);

    private static async Task ShouldHaveNoInstancesAsync(DurableTestHost host) =>
        (await NexusDurableTaskClientTests.CollectAsync(host.Client.GetAllInstancesAsync())).ShouldBeEmpty();

    [Fact]
    public async Task Schedule_UnknownOrchestration_FailsTheInstanceAsMicrosoftsWorkerDoes()
    {
        await using var host = await StartAsync();

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Ech0", 1, Ct);
        var result = await host.Client.WaitForInstanceCompletionAsync(id, Ct);

        result.RuntimeStatus.ShouldBe(SdkStatus.Failed);
        result.FailureDetails!.ErrorType.ShouldBe("OrchestratorTaskNotFound");
        result.FailureDetails.ErrorMessage.ShouldBe("No orchestrator task named 'Ech0' was found.");
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("a?b")]
    [InlineData("@entity@key")]
    [InlineData("line\nbreak")]
    public async Task Schedule_InvalidInstanceId_ThrowsAndCreatesNothing(string id)
    {
        await using var host = await StartAsync();

        await Should.ThrowAsync<ArgumentException>(() => host.Client.ScheduleNewOrchestrationInstanceAsync("Echo", 1, new StartOrchestrationOptions(id), Ct));

        await ShouldHaveNoInstancesAsync(host);
    }

    [Fact]
    public async Task Schedule_InputThatCannotBeSerialized_ThrowsAndCreatesNothing()
    {
        await using var host = await StartAsync();

        var error = await Should.ThrowAsync<ArgumentException>(() => host.Client.ScheduleNewOrchestrationInstanceAsync("Echo", Cycle.Create(), Ct));

        error.Message.ShouldContain("cannot be serialized");
        await ShouldHaveNoInstancesAsync(host);
    }

    [Fact]
    public async Task Schedule_IdOfRunningInstance_IsRefused()
    {
        await using var host = await StartAsync();
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Waits", 1, new StartOrchestrationOptions("same"), Ct);

        await Should.ThrowAsync<OrchestrationAlreadyExistsException>(
            () => host.Client.ScheduleNewOrchestrationInstanceAsync("Waits", 1, new StartOrchestrationOptions("same"), Ct));
    }

    [Fact]
    public async Task Schedule_IdOfCompletedInstance_StartsAFreshExecution()
    {
        await using var host = await StartAsync();
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Echo", 1, new StartOrchestrationOptions("again"), Ct);
        await host.Client.WaitForInstanceCompletionAsync("again", Ct);

        await host.Client.ScheduleNewOrchestrationInstanceAsync("Echo", 2, new StartOrchestrationOptions("again"), Ct);
        var result = await host.Client.WaitForInstanceCompletionAsync("again", getInputsAndOutputs: true, Ct);

        result.ReadOutputAs<int>().ShouldBe(2);
        (await host.Store.GetHistoryAsync("again", Ct)).Count(e => e.Kind == EventKind.ExecutionStarted).ShouldBe(1);
    }

    [Fact]
    public async Task CallActivityAsync_UnknownActivity_FailsTheInstanceNamingIt()
    {
        await using var host = await StartAsync();

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("CallsUnknown", 1, Ct);
        var result = await host.Client.WaitForInstanceCompletionAsync(id, Ct);

        result.RuntimeStatus.ShouldBe(SdkStatus.Failed);
        result.FailureDetails!.ErrorType.ShouldBe(typeof(Microsoft.DurableTask.TaskFailedException).FullName);
        result.FailureDetails.InnerFailure!.ErrorType.ShouldBe("ActivityTaskNotFound");
        result.FailureDetails.InnerFailure.ErrorMessage.ShouldBe("No activity task named 'Unknwon' was found.");
    }
}

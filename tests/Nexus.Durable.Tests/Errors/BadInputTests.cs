using Nexus.Durable.Orchestrations;
using Nexus.Durable.Storage;
using Nexus.Durable.Testing;
using Shouldly;
using Xunit;

namespace Nexus.Durable.Tests.Errors;

public sealed class BadInputTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<DurableTestHost> StartAsync() => DurableTestHost.StartAsync(
        r => r
            .AddActivity<int, int>("Known", (_, x) => Task.FromResult(x))
            .AddOrchestration<int, int>("CallsUnknown", (ctx, x) => ctx.CallActivityAsync<int>("Unknwon", x))
            .AddOrchestration<int, int>("Waits", async (ctx, _) => await ctx.WaitForExternalEvent<int>("x"))
            .AddOrchestration<int, int>("Echo", (_, x) => Task.FromResult(x)),
        cancellationToken: Ct);

    private static async Task ShouldHaveNoInstancesAsync(DurableTestHost host) =>
        (await host.Client.QueryInstancesAsync(new InstanceQuery(), Ct)).Instances.ShouldBeEmpty();

    [Fact]
    public async Task Schedule_UnknownOrchestration_ThrowsAndCreatesNothing()
    {
        await using var host = await StartAsync();

        var error = await Should.ThrowAsync<UnknownFunctionException>(() => host.Client.ScheduleNewOrchestrationInstanceAsync("Ech0", 1, cancellationToken: Ct));

        error.Message.ShouldContain("No orchestration named 'Ech0'");
        error.Message.ShouldContain("'Echo'");
        await ShouldHaveNoInstancesAsync(host);
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

        await Should.ThrowAsync<ArgumentException>(() => host.Client.ScheduleNewOrchestrationInstanceAsync("Echo", 1, new() { InstanceId = id }, Ct));

        await ShouldHaveNoInstancesAsync(host);
    }

    [Fact]
    public async Task Schedule_InputThatCannotBeSerialized_ThrowsAndCreatesNothing()
    {
        await using var host = await StartAsync();
        var cyclic = new Node();
        cyclic.Next = cyclic;

        var error = await Should.ThrowAsync<ArgumentException>(() => host.Client.ScheduleNewOrchestrationInstanceAsync("Echo", cyclic, cancellationToken: Ct));

        error.Message.ShouldContain("cannot be serialized");
        await ShouldHaveNoInstancesAsync(host);
    }

    [Fact]
    public async Task Schedule_IdOfRunningInstance_IsRefused()
    {
        await using var host = await StartAsync();
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Waits", 1, new() { InstanceId = "same" }, Ct);

        await Should.ThrowAsync<InstanceAlreadyExistsException>(() => host.Client.ScheduleNewOrchestrationInstanceAsync("Waits", 1, new() { InstanceId = "same" }, Ct));
    }

    [Fact]
    public async Task Schedule_IdOfCompletedInstance_StartsAFreshExecution()
    {
        await using var host = await StartAsync();
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Echo", 1, new() { InstanceId = "again" }, Ct);
        await host.Client.WaitForInstanceCompletionAsync("again", cancellationToken: Ct);

        await host.Client.ScheduleNewOrchestrationInstanceAsync("Echo", 2, new() { InstanceId = "again" }, Ct);
        var result = await host.Client.WaitForInstanceCompletionAsync("again", getHistory: true, cancellationToken: Ct);

        result.ReadOutputAs<int>().ShouldBe(2);
        result.History!.Count(e => e.Kind == History.EventKind.ExecutionStarted).ShouldBe(1);
    }

    [Fact]
    public async Task CallActivityAsync_UnknownActivity_FailsTheInstanceNamingIt()
    {
        await using var host = await StartAsync();

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("CallsUnknown", 1, cancellationToken: Ct);
        var result = await host.Client.WaitForInstanceCompletionAsync(id, cancellationToken: Ct);

        result.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Failed);
        result.FailureDetails!.ErrorType.ShouldBe(typeof(UnknownFunctionException).FullName);
        result.FailureDetails.Message.ShouldContain("No activity named 'Unknwon'");
    }

    [Fact]
    public async Task RaiseEvent_UnknownOrFinishedInstance_ThrowsNotFoundOrNotActive()
    {
        await using var host = await StartAsync();
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Echo", 1, new() { InstanceId = "done" }, Ct);
        await host.Client.WaitForInstanceCompletionAsync("done", cancellationToken: Ct);

        await Should.ThrowAsync<InstanceNotFoundException>(() => host.Client.RaiseEventAsync("missing", "x", 1, Ct));
        await Should.ThrowAsync<InstanceNotActiveException>(() => host.Client.RaiseEventAsync("done", "x", 1, Ct));
        await Should.ThrowAsync<InstanceNotActiveException>(() => host.Client.TerminateInstanceAsync("done", "late", Ct));
    }

    private sealed class Node
    {
        public Node? Next { get; set; }
    }
}

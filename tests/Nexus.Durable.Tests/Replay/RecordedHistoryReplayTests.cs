using Microsoft.Extensions.Logging.Abstractions;
using Nexus.Durable.History;
using Nexus.Durable.Registry;
using Nexus.Durable.Replay;
using Nexus.Durable.Serialization;
using Nexus.Durable.Testing;
using Nexus.Durable.Tests.Support;
using Shouldly;
using Xunit;

namespace Nexus.Durable.Tests.Replay;

/// <summary>Recorded history files replayed against the orchestration code, as a deployment check would.</summary>
public sealed class RecordedHistoryReplayTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 5, 0, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DurableRegistry Registry() => new DurableRegistry()
        .AddOrchestration<OrderFulfillment>()
        .AddActivity<string, string>("ReserveStock", (_, id) => Task.FromResult(id))
        .AddActivity<decimal, string>("ChargeCard", (_, a) => Task.FromResult(a.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        .AddActivity<string, string>("ShipItem", (_, i) => Task.FromResult(i));

    private static OrchestrationRuntime Runtime() =>
        new("order-17", nameof(OrderFulfillment), Registry(), JsonDataConverter.Default, NullLoggerFactory.Instance);

    [Fact]
    public void Replay_CompletedHistory_ReproducesTheRecordedOutput()
    {
        var history = HistoryFiles.Load("order-completed.json");

        var result = Runtime().RunEpisode(history, [], Now);

        result.Status.ShouldBe(OrchestrationRuntimeStatus.Completed);
        result.Output.ShouldBe(history.Single(e => e.Kind == EventKind.ExecutionCompleted).Data);
        result.Activities.ShouldBeEmpty();
    }

    [Fact]
    public void Replay_InProgressHistory_RebuildsTheWaitAndSchedulesNothingNew()
    {
        var history = HistoryFiles.Load("order-in-progress.json");
        var runtime = Runtime();

        var replayed = runtime.RunEpisode(history, [], Now);
        var finished = runtime.RunEpisode(null, [new HistoryEvent { Kind = EventKind.EventRaised, Name = "delivered", Data = "\"at the door\"" }], Now);

        replayed.Status.ShouldBe(OrchestrationRuntimeStatus.Running);
        replayed.Activities.ShouldBeEmpty();
        replayed.Messages.ShouldBeEmpty();
        replayed.NewHistory.Select(e => e.Kind).ShouldBe([EventKind.OrchestratorStarted, EventKind.OrchestratorCompleted]);
        finished.Status.ShouldBe(OrchestrationRuntimeStatus.Completed);
        finished.Output.ShouldBe("\"reserved:o-17|charged:42.5|shipped:book,shipped:lamp,shipped:mug|at the door\"");
    }

    [Fact]
    public void Replay_NonDeterministicHistory_FailsNamingPositionRecordedEventAndCodeAction()
    {
        var history = HistoryFiles.Load("order-nondeterministic.json");

        var result = Runtime().RunEpisode(history, [], Now);

        result.Status.ShouldBe(OrchestrationRuntimeStatus.Failed);
        result.Failure!.ErrorType.ShouldBe(typeof(NonDeterminismException).FullName);
        result.Failure.Message.ShouldContain("history position 6 records CallActivity 'ChargeWallet' (task 1)");
        result.Failure.Message.ShouldContain("the code scheduled CallActivity 'ChargeCard' (task 1)");
        result.Failure.IsNonRetriable.ShouldBeTrue();
    }

    [Fact]
    public void Replay_HistoryLongerThanTheCode_FailsSayingTheCodeScheduledNothing()
    {
        var history = HistoryFiles.Load("order-in-progress.json").ToList();
        history.Insert(history.Count - 1, new HistoryEvent { Kind = EventKind.TaskScheduled, TaskId = 99, Name = "Refund" });

        var result = Runtime().RunEpisode(history, [], Now);

        result.Status.ShouldBe(OrchestrationRuntimeStatus.Failed);
        result.Failure!.Message.ShouldContain("records CallActivity 'Refund' (task 99), but at that point the code scheduled nothing");
    }

    [Fact]
    public async Task Worker_CodeChangedUnderARunningInstance_FailsTheInstanceWithNonDeterminism()
    {
        var useNewCode = false;
        await using var host = await DurableTestHost.StartAsync(
            r => r
                .AddActivity<int, int>("Old", (_, x) => Task.FromResult(x))
                .AddActivity<int, int>("New", (_, x) => Task.FromResult(x))
                .AddOrchestration<int, int>("Changing", async (ctx, x) =>
                {
                    await ctx.CallActivityAsync<int>(Volatile.Read(ref useNewCode) ? "New" : "Old", x);
                    return await ctx.WaitForExternalEvent<int>("go");
                }),
            o => o.StateCacheSize = 0,
            cancellationToken: Ct);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Changing", 1, cancellationToken: Ct);
        await HistoryProbe.WaitForCountAsync(host.Client, id, EventKind.TaskCompleted, 1, Ct);
        await HistoryProbe.WaitForCountAsync(host.Client, id, EventKind.OrchestratorCompleted, 2, Ct);

        Volatile.Write(ref useNewCode, true);
        await host.Client.RaiseEventAsync(id, "go", 5, Ct);
        var result = await host.Client.WaitForInstanceCompletionAsync(id, cancellationToken: Ct);

        result.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Failed);
        result.FailureDetails!.ErrorType.ShouldBe(typeof(NonDeterminismException).FullName);
        result.FailureDetails.Message.ShouldContain("records CallActivity 'Old' (task 0), but the code scheduled CallActivity 'New' (task 0)");
    }
}

using Nexus.Durable.History;
using Nexus.Durable.Testing;
using Nexus.Durable.Tests.Support;
using Shouldly;
using Xunit;
using SdkStatus = Microsoft.DurableTask.Client.OrchestrationRuntimeStatus;

namespace Nexus.Durable.Tests.Replay;

/// <summary>Recorded history files (written by <see cref="HistoryRecorderTests"/> with the SDK's runner) replayed against
/// today's orchestration code through the SDK's runner, as a deployment check would.</summary>
public sealed class RecordedHistoryReplayTests
{
    private const string NonDeterministic = "Non-Deterministic workflow detected";

    private static readonly DateTimeOffset Now = new(2026, 11, 5, 0, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Nexus.Durable.Sdk.SdkOrchestrationRuntime Runtime() =>
        EpisodeReplay.Runtime(HistoryRecorder.InstanceId, nameof(OrderFulfillment), new OrderFulfillment());

    [Fact]
    public void Replay_CompletedHistory_EveryEpisodeReproducesTheRecordedOneAndTheOutput()
    {
        var history = HistoryFiles.Load("order-completed.json");

        var episodes = EpisodeReplay.EveryEpisode(HistoryRecorder.InstanceId, nameof(OrderFulfillment), static () => new OrderFulfillment(), history).ToList();

        episodes.Count.ShouldBeGreaterThan(4);
        foreach (var episode in episodes)
        {
            episode.Result.Failure.ShouldBeNull($"episode at {episode.Start}");
            EpisodeReplay.Shape(episode.Result.NewHistory).ShouldBe(EpisodeReplay.Shape(episode.Recorded), $"episode at {episode.Start}");
        }

        var last = episodes[^1].Result;
        last.Status.ShouldBe(OrchestrationRuntimeStatus.Completed);
        last.Output.ShouldBe(history.Single(e => e.Kind == EventKind.ExecutionCompleted).Data);
        last.Output.ShouldBe("\"reserved:o-17|charged:42.5|shipped:book,shipped:lamp,shipped:mug|at the door\"");
    }

    [Fact]
    public void Replay_InProgressHistory_RebuildsTheWaitAndSchedulesNothingNew()
    {
        var history = HistoryFiles.Load("order-in-progress.json");
        var runtime = Runtime();

        var replayed = runtime.RunEpisode(history, [], Now);
        var finished = runtime.RunEpisode(null, [new HistoryEvent { Kind = EventKind.EventRaised, Timestamp = Now, Name = "delivered", Data = "\"at the door\"" }], Now);

        replayed.Status.ShouldBe(OrchestrationRuntimeStatus.Running);
        replayed.Activities.ShouldBeEmpty();
        replayed.Messages.ShouldBeEmpty();
        replayed.NewHistory.Select(e => e.Kind).ShouldBe([EventKind.OrchestratorStarted, EventKind.OrchestratorCompleted]);
        finished.Status.ShouldBe(OrchestrationRuntimeStatus.Completed);
        finished.Output.ShouldBe("\"reserved:o-17|charged:42.5|shipped:book,shipped:lamp,shipped:mug|at the door\"");
    }

    [Fact]
    public void Replay_NonDeterministicHistory_FailsNamingTheRecordedActivity()
    {
        var history = HistoryFiles.Load("order-nondeterministic.json");

        var result = Runtime().RunEpisode(history, [], Now);

        result.Status.ShouldBe(OrchestrationRuntimeStatus.Failed);
        result.Failure!.Message.ShouldContain(NonDeterministic);
        result.Failure.Message.ShouldContain("ChargeWallet");
        result.Activities.ShouldBeEmpty();
    }

    [Fact]
    public void Replay_HistoryWithATaskTheCodeNeverSchedules_FailsNamingIt()
    {
        var history = HistoryFiles.Load("order-in-progress.json").ToList();
        history.Insert(history.Count - 1, new HistoryEvent { Kind = EventKind.TaskScheduled, TaskId = 99, Timestamp = history[^1].Timestamp, Name = "Refund" });

        var result = Runtime().RunEpisode(history, [], Now);

        result.Status.ShouldBe(OrchestrationRuntimeStatus.Failed);
        result.Failure!.Message.ShouldContain(NonDeterministic);
        result.Failure.Message.ShouldContain("Refund");
    }

    [Fact]
    public async Task Worker_CodeChangedUnderARunningInstance_FailsTheInstanceWithNonDeterminism()
    {
        var useNewCode = false;
        await using var host = await DurableTestHost.StartAsync(
            r => r
                .AddTaskActivityFunc<int, int>("Old", (_, x) => Task.FromResult(x))
                .AddTaskActivityFunc<int, int>("New", (_, x) => Task.FromResult(x))
                .AddTaskOrchestratorFunc<int, int>("Changing", async (ctx, x) =>
                {
                    await ctx.CallActivityAsync<int>(Volatile.Read(ref useNewCode) ? "New" : "Old", x);
                    return await ctx.WaitForExternalEvent<int>("go");
                }),
            o => o.StateCacheSize = 0,
            cancellationToken: Ct);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Changing", 1, Ct);
        await HistoryProbe.WaitForCountAsync(host.Store, id, EventKind.OrchestratorCompleted, 2, Ct);

        Volatile.Write(ref useNewCode, true);
        await host.Client.RaiseEventAsync(id, "go", 5, Ct);
        var result = await host.Client.WaitForInstanceCompletionAsync(id, Ct);

        result.RuntimeStatus.ShouldBe(SdkStatus.Failed);
        result.FailureDetails!.ErrorMessage.ShouldContain(NonDeterministic);
        result.FailureDetails.ErrorMessage.ShouldContain("Old");
    }
}

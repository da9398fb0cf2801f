using FsCheck;
using FsCheck.Fluent;
using Microsoft.Extensions.Logging.Abstractions;
using Nexus.Durable.History;
using Nexus.Durable.Registry;
using Nexus.Durable.Replay;
using Nexus.Durable.Serialization;
using Nexus.Durable.Testing;
using Shouldly;
using Xunit;

namespace Nexus.Durable.Tests.Properties;

/// <summary>Property: for any orchestration shape, replaying its recorded history reproduces the same state and the same actions.</summary>
public sealed class ReplayPropertyTests
{
    private static readonly EventKind[] Incoming =
    [
        EventKind.ExecutionStarted, EventKind.TaskCompleted, EventKind.TaskFailed, EventKind.TimerFired, EventKind.EventRaised,
        EventKind.SubOrchestrationInstanceCompleted, EventKind.SubOrchestrationInstanceFailed,
        EventKind.EntityOperationCompleted, EventKind.EntityOperationFailed,
    ];

    private static DurableRegistry Register(DurableRegistry r) => r
        .AddOrchestration<ShapeInterpreter>()
        .AddOrchestration<int, string>("Child", async (ctx, x) => "child:" + await ctx.CallActivityAsync<string>("Work", x))
        .AddActivity<int, string>("Work", (_, x) => Task.FromResult("w" + x.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        .AddEntity<Tally>();

    private static Gen<List<Step>> Programs()
    {
        var step = Gen.OneOf(
            Gen.Choose(0, 99).Select(v => new Step("activity", v)),
            Gen.Choose(1, 5).Select(v => new Step("fanout", v)),
            Gen.Choose(0, 9).Select(v => new Step("sub", v)),
            Gen.Constant(new Step("timer", 0)),
            Gen.Constant(new Step("guid", 0)),
            Gen.Choose(0, 9).Select(v => new Step("status", v)),
            Gen.Choose(1, 9).Select(v => new Step("entity", v)),
            Gen.Choose(0, 9).Select(v => new Step("race", v)));
        return Gen.Choose(1, 7).SelectMany(n => Gen.ListOf(step, n)).Select(steps => steps.ToList());
    }

    [Fact]
    public async Task Replay_AnyRecordedHistory_ReproducesSameActionsAndOutput()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await DurableTestHost.StartAsync(r => Register(r), cancellationToken: ct);
        var counter = 0;

        var property = Prop.ForAll(Programs().ToArbitrary(), program =>
        {
            var id = $"shape-{Interlocked.Increment(ref counter)}";
#pragma warning disable xUnit1031 // FsCheck properties are synchronous.
            host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ShapeInterpreter), program, new() { InstanceId = id }, ct).GetAwaiter().GetResult();
            var recorded = host.Client.WaitForInstanceCompletionAsync(id, getHistory: true, cancellationToken: ct).GetAwaiter().GetResult();
#pragma warning restore xUnit1031
            recorded.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, $"{string.Join(",", program)}: {recorded.FailureDetails}");
            CheckEveryEpisode(id, recorded.History!, recorded.SerializedOutput);
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(60), property);
    }

    // Replays the history up to each episode boundary in a fresh runtime, feeds that episode's incoming events, and
    // requires the episode it produces to be the one that was recorded (same events, same task ids, same names).
    private static void CheckEveryEpisode(string id, IReadOnlyList<HistoryEvent> history, string? output)
    {
        var starts = Enumerable.Range(0, history.Count).Where(i => history[i].Kind == EventKind.OrchestratorStarted).ToList();
        foreach (var start in starts)
        {
            var end = Enumerable.Range(start, history.Count - start).First(i => history[i].Kind == EventKind.OrchestratorCompleted);
            var recordedEpisode = history.Skip(start).Take(end - start + 1).ToList();
            var incoming = recordedEpisode.Where(e => Incoming.Contains(e.Kind)).ToList();
            var runtime = new OrchestrationRuntime(id, nameof(ShapeInterpreter), Register(new DurableRegistry()), JsonDataConverter.Default, NullLoggerFactory.Instance);

            var result = runtime.RunEpisode(history.Take(start).ToList(), incoming, history[start].Timestamp);

            result.Failure.ShouldBeNull($"episode at {start}: {result.Failure}");
            Shape(result.NewHistory).ShouldBe(Shape(recordedEpisode), $"episode at {start}");
            if (end == history.Count - 1)
            {
                result.Output.ShouldBe(output);
            }
        }
    }

    private static List<string> Shape(IEnumerable<HistoryEvent> events) =>
        [.. events.Select(e => $"{e.Kind}:{e.TaskId}:{e.Name}:{e.InstanceId}:{(e.Kind == EventKind.TaskScheduled || e.Kind == EventKind.ExecutionCompleted ? e.Data : null)}")];
}

using FsCheck;
using FsCheck.Fluent;
using Nexus.Durable.Registry;
using Nexus.Durable.Testing;
using Nexus.Durable.Tests.Replay;
using Shouldly;
using Xunit;
using SdkStatus = Microsoft.DurableTask.Client.OrchestrationRuntimeStatus;
using StartOrchestrationOptions = Microsoft.DurableTask.StartOrchestrationOptions;

namespace Nexus.Durable.Tests.Properties;

/// <summary>Property: an SDK orchestration of any shape runs on the engine to the output a model predicts, and replaying its
/// recorded history through the SDK's runner reproduces every episode (same events, task ids, names and values).</summary>
public sealed class ReplayPropertyTests
{
    private static void Register(DurableRegistry r) => r
        .AddTaskOrchestrator<ShapeInterpreter>()
        .AddTaskOrchestratorFunc<int, string>(ShapeInterpreter.Child, async (ctx, x) => "child:" + await ctx.CallActivityAsync<string>(ShapeInterpreter.Work, x))
        .AddTaskActivityFunc<int, string>(ShapeInterpreter.Work, (_, x) => Task.FromResult(ShapeModel.Work(x)))
        .AddTaskEntity<Tally>();

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
    public async Task Engine_AnyShape_CompletesAsTheModelSaysAndEveryEpisodeReplaysTheSame()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await DurableTestHost.StartAsync(Register, cancellationToken: ct);
        var counter = 0;

        var property = Prop.ForAll(Programs().ToArbitrary(), program =>
        {
            var id = $"shape-{Interlocked.Increment(ref counter)}";
            var what = string.Join(",", program);
#pragma warning disable xUnit1031 // FsCheck properties are synchronous.
            host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ShapeInterpreter), program, new StartOrchestrationOptions(id), ct).GetAwaiter().GetResult();
            var done = host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, ct).GetAwaiter().GetResult();
            var history = host.Store.GetHistoryAsync(id, ct).AsTask().GetAwaiter().GetResult();
#pragma warning restore xUnit1031
            done.RuntimeStatus.ShouldBe(SdkStatus.Completed, $"{what}: {done.FailureDetails}");
            ShapeModel.ExpectedOutput(program).IsMatch(done.ReadOutputAs<string>()!).ShouldBeTrue($"{what}: {done.SerializedOutput}");

            foreach (var episode in EpisodeReplay.EveryEpisode(id, nameof(ShapeInterpreter), static () => new ShapeInterpreter(), history))
            {
                episode.Result.Failure.ShouldBeNull($"{what}, episode at {episode.Start}: {episode.Result.Failure}");
                EpisodeReplay.Shape(episode.Result.NewHistory).ShouldBe(EpisodeReplay.Shape(episode.Recorded), $"{what}, episode at {episode.Start}");
                if (episode.IsLast)
                {
                    episode.Result.Output.ShouldBe(done.SerializedOutput, what);
                }
            }
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(60), property);
    }
}

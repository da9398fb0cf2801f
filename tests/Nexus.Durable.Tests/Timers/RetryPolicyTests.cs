using Microsoft.DurableTask;
using Nexus.Durable.History;
using Nexus.Durable.Testing;
using Nexus.Durable.Tests.Client;
using Nexus.Durable.Tests.Support;
using Shouldly;
using Xunit;
using SdkStatus = Microsoft.DurableTask.Client.OrchestrationRuntimeStatus;

namespace Nexus.Durable.Tests.Timers;

/// <summary>The SDK's retry policies (<see cref="TaskOptions.FromRetryPolicy"/>) on the engine: the SDK waits between
/// attempts on durable timers, which the engine delivers at their time.</summary>
public sealed class RetryPolicyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CallActivityAsync_FailsThenSucceeds_RetriesAfterBackoffTimersCappedByMaxRetryInterval()
    {
        var clock = new ManualTimeProvider();
        var attempts = 0;
        var policy = new RetryPolicy(4, TimeSpan.FromSeconds(10), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromSeconds(25));
        await using var host = await DurableTestHost.StartAsync(
            r => r
                .AddTaskActivityFunc<int, int>("Flaky", (_, x) => Interlocked.Increment(ref attempts) < 4
                    ? throw new InvalidOperationException("not yet")
                    : Task.FromResult(x * 2))
                .AddTaskOrchestratorFunc<int, int>("Retrying", (ctx, x) => ctx.CallActivityAsync<int>("Flaky", x, TaskOptions.FromRetryPolicy(policy))),
            o => o.TimeProvider = clock,
            cancellationToken: Ct);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Retrying", 21, Ct);

        var delays = new List<TimeSpan>();
        for (var retry = 1; retry <= 3; retry++)
        {
            var history = await HistoryProbe.WaitForCountAsync(host.Store, id, EventKind.TimerCreated, retry, Ct);
            var timer = history.Last(e => e.Kind == EventKind.TimerCreated);
            var failedAt = history.Last(e => e.Kind == EventKind.OrchestratorStarted).Timestamp;
            delays.Add(timer.FireAt!.Value - failedAt);
            clock.Advance(timer.FireAt!.Value - clock.GetUtcNow());
        }

        var result = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Ct);
        result.ReadOutputAs<int>().ShouldBe(42);
        attempts.ShouldBe(4);
        delays.ShouldBe([TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(25)]);
    }

    [Fact]
    public async Task CallActivityAsync_FailureTheHandlerRefuses_FailsWithoutRetry()
    {
        var attempts = 0;
        var policy = new RetryPolicy(5, TimeSpan.FromSeconds(1)) { HandleFailure = f => !f.IsCausedBy<UnauthorizedAccessException>() };
        await using var host = await DurableTestHost.StartAsync(
            r => r
                .AddTaskActivityFunc<int, int>("Denied", (_, _) =>
                {
                    Interlocked.Increment(ref attempts);
                    throw new UnauthorizedAccessException("no key");
                })
                .AddTaskOrchestratorFunc<int, int>("Retrying", (ctx, x) => ctx.CallActivityAsync<int>("Denied", x, TaskOptions.FromRetryPolicy(policy))),
            cancellationToken: Ct);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Retrying", 1, Ct);
        var result = await host.Client.WaitForInstanceCompletionAsync(id, Ct);

        result.RuntimeStatus.ShouldBe(SdkStatus.Failed);
        attempts.ShouldBe(1);
        result.FailureDetails!.ErrorMessage.ShouldContain("no key");
        result.FailureDetails.InnerFailure!.ErrorType.ShouldBe(typeof(UnauthorizedAccessException).FullName);
        (await host.Store.GetHistoryAsync(id, Ct)).ShouldNotContain(e => e.Kind == EventKind.TimerCreated);
    }

    [Fact]
    public async Task CallActivityAsync_TimerWinsTheRaceWithASlowActivity_CompletesWithTheTimersOutcomeOnceTheActivityReports()
    {
        var clock = new ManualTimeProvider();
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = await DurableTestHost.StartAsync(
            r => r
                .AddTaskActivityFunc<int, int>("Slow", (_, _) => release.Task)
                .AddTaskOrchestratorFunc<int, string>("Bounded", async (ctx, x) =>
                {
                    using var cancel = new CancellationTokenSource();
                    var work = ctx.CallActivityAsync<int>("Slow", x);
                    var deadline = ctx.CreateTimer(TimeSpan.FromMinutes(1), cancel.Token);
                    if (await Task.WhenAny(work, deadline) == work)
                    {
                        cancel.Cancel();
                        return $"done: {await work}";
                    }

                    ctx.SetCustomStatus("gave up waiting");
                    return "did not complete within a minute";
                }),
            o => o.TimeProvider = clock,
            cancellationToken: Ct);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Bounded", 1, Ct);
        await HistoryProbe.WaitForCountAsync(host.Store, id, EventKind.TimerCreated, 1, Ct);
        clock.Advance(TimeSpan.FromMinutes(1));
        await StoreWait.UntilAsync(host.Store, id, r => r?.CustomStatus is not null, "the orchestrator gave up waiting", Ct);

        // As in every Durable Task backend, an orchestration with an open task does not complete: the activity's late
        // result is awaited (and ignored) before the timer's outcome becomes the output.
        (await host.Client.GetInstanceAsync(id, Ct))!.RuntimeStatus.ShouldBe(SdkStatus.Running);
        release.SetResult(7);
        var result = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Ct);

        result.RuntimeStatus.ShouldBe(SdkStatus.Completed);
        result.ReadOutputAs<string>().ShouldBe("did not complete within a minute");
    }
}

using Nexus.Durable.History;
using Nexus.Durable.Orchestrations;
using Nexus.Durable.Testing;
using Nexus.Durable.Tests.Support;
using Shouldly;
using Xunit;

namespace Nexus.Durable.Tests.Timers;

public sealed class RetryPolicyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void GetDelay_ExponentialBackoff_IsCappedByMaxRetryInterval()
    {
        var policy = new RetryPolicy(5, TimeSpan.FromSeconds(10)) { BackoffCoefficient = 2, MaxRetryInterval = TimeSpan.FromSeconds(25) };

        policy.GetDelay(2).ShouldBe(TimeSpan.FromSeconds(10));
        policy.GetDelay(3).ShouldBe(TimeSpan.FromSeconds(20));
        policy.GetDelay(4).ShouldBe(TimeSpan.FromSeconds(25));
    }

    [Fact]
    public async Task CallActivityAsync_FailsThenSucceeds_RetriesAfterBackoffTimers()
    {
        var clock = new ManualTimeProvider();
        var attempts = 0;
        var policy = new RetryPolicy(4, TimeSpan.FromSeconds(10)) { BackoffCoefficient = 2, MaxRetryInterval = TimeSpan.FromSeconds(25) };
        await using var host = await DurableTestHost.StartAsync(
            r => r
                .AddActivity<int, int>("Flaky", (_, x) => Interlocked.Increment(ref attempts) < 4
                    ? throw new InvalidOperationException("not yet")
                    : Task.FromResult(x * 2))
                .AddOrchestration<int, int>("Retrying", (ctx, x) => ctx.CallActivityAsync<int>("Flaky", x, TaskOptions.FromRetryPolicy(policy))),
            o => o.TimeProvider = clock,
            cancellationToken: Ct);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Retrying", 21, cancellationToken: Ct);

        var delays = new List<TimeSpan>();
        for (var retry = 1; retry <= 3; retry++)
        {
            await HistoryProbe.WaitForCountAsync(host.Client, id, EventKind.TimerCreated, retry, Ct);
            var history = (await host.Client.GetInstanceAsync(id, getHistory: true, Ct))!.History!;
            var timer = history.Last(e => e.Kind == EventKind.TimerCreated);
            var failedAt = history.Last(e => e.Kind == EventKind.OrchestratorStarted).Timestamp;
            delays.Add(timer.FireAt!.Value - failedAt);
            clock.Advance(timer.FireAt!.Value - clock.GetUtcNow());
        }

        var result = await host.Client.WaitForInstanceCompletionAsync(id, cancellationToken: Ct);
        result.ReadOutputAs<int>().ShouldBe(42);
        attempts.ShouldBe(4);
        delays.ShouldBe([TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(25)]);
    }

    [Fact]
    public async Task CallActivityAsync_NonRetryableExceptionType_FailsWithoutRetry()
    {
        var attempts = 0;
        var policy = new RetryPolicy(5, TimeSpan.FromSeconds(1)) { NonRetryableExceptionTypes = [typeof(UnauthorizedAccessException)] };
        await using var host = await DurableTestHost.StartAsync(
            r => r
                .AddActivity<int, int>("Denied", (_, _) =>
                {
                    Interlocked.Increment(ref attempts);
                    throw new UnauthorizedAccessException("no key");
                })
                .AddOrchestration<int, int>("Retrying", (ctx, x) => ctx.CallActivityAsync<int>("Denied", x, TaskOptions.FromRetryPolicy(policy))),
            cancellationToken: Ct);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Retrying", 1, cancellationToken: Ct);
        var result = await host.Client.WaitForInstanceCompletionAsync(id, cancellationToken: Ct);

        result.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Failed);
        attempts.ShouldBe(1);
        result.FailureDetails!.Message.ShouldContain("no key");
        result.FailureDetails.Inner!.ErrorType.ShouldBe(typeof(UnauthorizedAccessException).FullName);
    }

    [Fact]
    public async Task CallActivityAsync_AttemptTakesLongerThanTimeout_ThrowsTimeoutException()
    {
        var clock = new ManualTimeProvider();
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = await DurableTestHost.StartAsync(
            r => r
                .AddActivity<int, int>("Slow", (_, _) => release.Task)
                .AddOrchestration<int, string>("Bounded", async (ctx, x) =>
                {
                    try
                    {
                        return (await ctx.CallActivityAsync<int>("Slow", x, new TaskOptions { Timeout = TimeSpan.FromMinutes(1) })).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    }
                    catch (TimeoutException e)
                    {
                        return e.Message;
                    }
                }),
            o => o.TimeProvider = clock,
            cancellationToken: Ct);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Bounded", 1, cancellationToken: Ct);
        await HistoryProbe.WaitForCountAsync(host.Client, id, EventKind.TimerCreated, 1, Ct);
        clock.Advance(TimeSpan.FromMinutes(1));
        var result = await host.Client.WaitForInstanceCompletionAsync(id, cancellationToken: Ct);
        release.SetResult(7);

        result.ReadOutputAs<string>().ShouldContain("did not complete within");
    }
}

using Nexus.Durable.History;
using Nexus.Durable.Orchestrations;
using Nexus.Durable.Testing;
using Nexus.Durable.Tests.Support;
using Shouldly;
using Xunit;

namespace Nexus.Durable.Tests.Timers;

public sealed class DurableTimerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateTimer_ClockAdvancedPastDueTime_Fires()
    {
        var clock = new ManualTimeProvider();
        await using var host = await DurableTestHost.StartAsync(
            r => r.AddOrchestration<int, DateTime>("Sleeper", async (ctx, hours) =>
            {
                await ctx.CreateTimer(ctx.CurrentUtcDateTime.AddHours(hours), CancellationToken.None);
                return ctx.CurrentUtcDateTime;
            }),
            o => o.TimeProvider = clock,
            cancellationToken: Ct);
        var started = clock.GetUtcNow();

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Sleeper", 3, cancellationToken: Ct);
        await HistoryProbe.WaitForCountAsync(host.Client, id, EventKind.TimerCreated, 1, Ct);
        clock.Advance(TimeSpan.FromHours(2));
        (await host.Client.GetInstanceAsync(id, cancellationToken: Ct))!.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Running);
        clock.Advance(TimeSpan.FromHours(1));
        var result = await host.Client.WaitForInstanceCompletionAsync(id, cancellationToken: Ct);

        result.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
        result.ReadOutputAs<DateTime>().ShouldBeGreaterThanOrEqualTo(started.UtcDateTime.AddHours(3));
    }

    [Fact]
    public async Task CreateTimer_CancelledBeforeDue_LetsOrchestrationMoveOnAndIgnoresLateFire()
    {
        var clock = new ManualTimeProvider();
        await using var host = await DurableTestHost.StartAsync(
            r => r
                .AddActivity<string, string>("Echo", (_, s) => Task.FromResult(s))
                .AddOrchestration<string, string>("Race", async (ctx, _) =>
                {
                    using var cts = new CancellationTokenSource();
                    var timer = ctx.CreateTimer(TimeSpan.FromMinutes(5), cts.Token);
                    var work = ctx.CallActivityAsync<string>("Echo", "work");
                    var winner = await Task.WhenAny(timer, work);
                    cts.Cancel();
                    return winner == work ? await work : "timer";
                }),
            o => o.TimeProvider = clock,
            cancellationToken: Ct);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Race", "x", cancellationToken: Ct);
        var result = await host.Client.WaitForInstanceCompletionAsync(id, getHistory: true, cancellationToken: Ct);
        clock.Advance(TimeSpan.FromMinutes(10));

        result.ReadOutputAs<string>().ShouldBe("work");
        result.History!.ShouldNotContain(e => e.Kind == EventKind.TimerFired);
    }
}

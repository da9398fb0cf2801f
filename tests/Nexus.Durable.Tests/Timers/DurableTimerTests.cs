using Nexus.Durable.History;
using Nexus.Durable.Testing;
using Nexus.Durable.Tests.Support;
using Shouldly;
using Xunit;
using SdkStatus = Microsoft.DurableTask.Client.OrchestrationRuntimeStatus;

namespace Nexus.Durable.Tests.Timers;

public sealed class DurableTimerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateTimer_ClockAdvancedPastDueTime_Fires()
    {
        var clock = new ManualTimeProvider();
        await using var host = await DurableTestHost.StartAsync(
            r => r.AddTaskOrchestratorFunc<int, DateTime>("Sleeper", async (ctx, hours) =>
            {
                await ctx.CreateTimer(ctx.CurrentUtcDateTime.AddHours(hours), CancellationToken.None);
                return ctx.CurrentUtcDateTime;
            }),
            o => o.TimeProvider = clock,
            cancellationToken: Ct);
        var started = clock.GetUtcNow();

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Sleeper", 3, Ct);
        await HistoryProbe.WaitForCountAsync(host.Store, id, EventKind.TimerCreated, 1, Ct);
        clock.Advance(TimeSpan.FromHours(2));
        (await host.Client.GetInstanceAsync(id, Ct))!.RuntimeStatus.ShouldBe(SdkStatus.Running);
        clock.Advance(TimeSpan.FromHours(1));
        var result = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Ct);

        result.RuntimeStatus.ShouldBe(SdkStatus.Completed);
        result.ReadOutputAs<DateTime>().ShouldBeGreaterThanOrEqualTo(started.UtcDateTime.AddHours(3));
    }

    [Fact]
    public async Task CreateTimer_CancelledBeforeDue_LetsOrchestrationMoveOnAndIgnoresLateFire()
    {
        var clock = new ManualTimeProvider();
        await using var host = await DurableTestHost.StartAsync(
            r => r
                .AddTaskActivityFunc<string, string>("Echo", (_, s) => Task.FromResult(s))
                .AddTaskOrchestratorFunc<string, string>("Race", async (ctx, _) =>
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

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Race", "x", Ct);
        var result = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Ct);
        (await host.Store.GetDiagnosticsAsync(id, Ct)).PendingMessages.ShouldBe(0, "the cancelled timer's message went with the finished execution");
        clock.Advance(TimeSpan.FromMinutes(10));

        result.ReadOutputAs<string>().ShouldBe("work");
        (await host.Client.GetInstanceAsync(id, Ct))!.RuntimeStatus.ShouldBe(SdkStatus.Completed);
        (await host.Store.GetHistoryAsync(id, Ct)).ShouldNotContain(e => e.Kind == EventKind.TimerFired);
    }
}

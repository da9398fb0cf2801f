using Nexus.Durable.History;
using Nexus.Durable.Orchestrations;
using Nexus.Durable.Testing;
using Nexus.Durable.Tests.Support;
using Shouldly;
using Xunit;

namespace Nexus.Durable.Tests.Events;

public sealed class ExternalEventTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<DurableTestHost> StartAsync(ManualTimeProvider clock) => DurableTestHost.StartAsync(
        r => r.AddOrchestration<int, string>("Approval", async (ctx, minutes) =>
        {
            try
            {
                var decision = await ctx.WaitForExternalEvent<string>("approval", TimeSpan.FromMinutes(minutes));
                return "got " + decision;
            }
            catch (TimeoutException)
            {
                return "timed out";
            }
        }),
        o => o.TimeProvider = clock,
        cancellationToken: Ct);

    [Fact]
    public async Task WaitForExternalEvent_EventArrives_ReturnsItsData()
    {
        var clock = new ManualTimeProvider();
        await using var host = await StartAsync(clock);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Approval", 30, cancellationToken: Ct);
        await HistoryProbe.WaitForCountAsync(host.Client, id, EventKind.TimerCreated, 1, Ct);

        await host.Client.RaiseEventAsync(id, "approval", "yes", Ct);
        var result = await host.Client.WaitForInstanceCompletionAsync(id, cancellationToken: Ct);

        result.ReadOutputAs<string>().ShouldBe("got yes");
    }

    [Fact]
    public async Task WaitForExternalEvent_NoEventBeforeTimeout_ThrowsTimeoutInOrchestration()
    {
        var clock = new ManualTimeProvider();
        await using var host = await StartAsync(clock);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Approval", 30, cancellationToken: Ct);
        await HistoryProbe.WaitForCountAsync(host.Client, id, EventKind.TimerCreated, 1, Ct);

        clock.Advance(TimeSpan.FromMinutes(29));
        (await host.Client.GetInstanceAsync(id, cancellationToken: Ct))!.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Running);
        clock.Advance(TimeSpan.FromMinutes(1));
        var result = await host.Client.WaitForInstanceCompletionAsync(id, cancellationToken: Ct);

        result.ReadOutputAs<string>().ShouldBe("timed out");
    }

    [Fact]
    public async Task WaitForExternalEvent_EventRaisedBeforeTheWait_IsBufferedInOrder()
    {
        await using var host = await DurableTestHost.StartAsync(
            r => r
                .AddActivity<int, int>("Noop", (_, x) => Task.FromResult(x))
                .AddOrchestration<int, string>("Late", async (ctx, _) =>
                {
                    await ctx.WaitForExternalEvent<string>("go");
                    var first = await ctx.WaitForExternalEvent<string>("item");
                    var second = await ctx.WaitForExternalEvent<string>("item");
                    return first + second;
                }),
            cancellationToken: Ct);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Late", 0, cancellationToken: Ct);

        await host.Client.RaiseEventAsync(id, "item", "a", Ct);
        await host.Client.RaiseEventAsync(id, "item", "b", Ct);
        await host.Client.RaiseEventAsync(id, "go", "now", Ct);
        var result = await host.Client.WaitForInstanceCompletionAsync(id, cancellationToken: Ct);

        result.ReadOutputAs<string>().ShouldBe("ab");
    }

    [Fact]
    public async Task ContinueAsNew_EventsNotYetConsumed_SurviveIntoTheNewExecution()
    {
        await using var host = await DurableTestHost.StartAsync(
            r => r.AddOrchestration<int, int>("Accumulator", async (ctx, total) =>
            {
                var value = await ctx.WaitForExternalEvent<int>("add");
                total += value;
                if (total >= 60)
                {
                    return total;
                }

                ctx.ContinueAsNew(total);
                return total;
            }),
            cancellationToken: Ct);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Accumulator", 0, cancellationToken: Ct);

        // All three arrive together: two of them are still unconsumed when the first execution continues as new.
        await host.Client.RaiseEventAsync(id, "add", 10, Ct);
        await host.Client.RaiseEventAsync(id, "add", 20, Ct);
        await host.Client.RaiseEventAsync(id, "add", 30, Ct);
        var result = await host.Client.WaitForInstanceCompletionAsync(id, getHistory: true, cancellationToken: Ct);

        result.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
        result.ReadOutputAs<int>().ShouldBe(60);
        result.History!.Count(e => e.Kind == EventKind.ExecutionStarted).ShouldBe(1);
        result.History!.First(e => e.Kind == EventKind.ExecutionStarted).Data.ShouldBe("30");
    }
}

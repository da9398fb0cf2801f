using Nexus.Durable.History;
using Nexus.Durable.Testing;
using Nexus.Durable.Tests.Support;
using Shouldly;
using Xunit;
using SdkStatus = Microsoft.DurableTask.Client.OrchestrationRuntimeStatus;

namespace Nexus.Durable.Tests.Events;

public sealed class ExternalEventTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<DurableTestHost> StartAsync(ManualTimeProvider clock) => DurableTestHost.StartAsync(
        r => r.AddTaskOrchestratorFunc<int, string>("Approval", async (ctx, minutes) =>
        {
            try
            {
                var decision = await ctx.WaitForExternalEvent<string>("approval", TimeSpan.FromMinutes(minutes));
                return "got " + decision;
            }
            catch (OperationCanceledException)
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
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Approval", 30, Ct);
        await HistoryProbe.WaitForCountAsync(host.Store, id, EventKind.TimerCreated, 1, Ct);

        await host.Client.RaiseEventAsync(id, "approval", "yes", Ct);
        var result = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Ct);

        result.ReadOutputAs<string>().ShouldBe("got yes");
    }

    [Fact]
    public async Task WaitForExternalEvent_NoEventBeforeTimeout_CancelsTheWaitInTheOrchestration()
    {
        var clock = new ManualTimeProvider();
        await using var host = await StartAsync(clock);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Approval", 30, Ct);
        await HistoryProbe.WaitForCountAsync(host.Store, id, EventKind.TimerCreated, 1, Ct);

        clock.Advance(TimeSpan.FromMinutes(29));
        (await host.Client.GetInstanceAsync(id, Ct))!.RuntimeStatus.ShouldBe(SdkStatus.Running);
        clock.Advance(TimeSpan.FromMinutes(1));
        var result = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Ct);

        result.ReadOutputAs<string>().ShouldBe("timed out");
    }

    [Fact]
    public async Task WaitForExternalEvent_EventRaisedBeforeTheWait_IsBufferedInOrder()
    {
        await using var host = await DurableTestHost.StartAsync(
            r => r.AddTaskOrchestratorFunc<int, string>("Late", async (ctx, _) =>
            {
                await ctx.WaitForExternalEvent<string>("go");
                var first = await ctx.WaitForExternalEvent<string>("item");
                var second = await ctx.WaitForExternalEvent<string>("item");
                return first + second;
            }),
            cancellationToken: Ct);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Late", 0, Ct);

        await host.Client.RaiseEventAsync(id, "item", "a", Ct);
        await host.Client.RaiseEventAsync(id, "item", "b", Ct);
        await host.Client.RaiseEventAsync(id, "go", "now", Ct);
        var result = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Ct);

        result.ReadOutputAs<string>().ShouldBe("ab");
    }

    [Fact]
    public async Task ContinueAsNew_EventsNotYetConsumed_SurviveIntoTheNewExecution()
    {
        var gate = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = await DurableTestHost.StartAsync(
            r => r
                .AddTaskActivityFunc<int, int>("Gate", (_, x) => gate.Task)
                .AddTaskOrchestratorFunc<int, int>("Accumulator", async (ctx, total) =>
                {
                    if (total == 0)
                    {
                        await ctx.CallActivityAsync<int>("Gate", 0);
                    }

                    total += await ctx.WaitForExternalEvent<int>("add");
                    if (total >= 60)
                    {
                        return total;
                    }

                    ctx.ContinueAsNew(total);
                    return total;
                }),
            cancellationToken: Ct);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Accumulator", 0, Ct);
        await HistoryProbe.WaitForCountAsync(host.Store, id, EventKind.TaskScheduled, 1, Ct);

        // All three are recorded while the first execution still waits for its gate: when it passes the gate it consumes
        // one, and the other two are still unconsumed when it continues as new.
        await host.Client.RaiseEventAsync(id, "add", 10, Ct);
        await host.Client.RaiseEventAsync(id, "add", 20, Ct);
        await host.Client.RaiseEventAsync(id, "add", 30, Ct);
        await HistoryProbe.WaitForCountAsync(host.Store, id, EventKind.EventRaised, 3, Ct);
        gate.SetResult(0);
        var result = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Ct);

        result.RuntimeStatus.ShouldBe(SdkStatus.Completed);
        result.ReadOutputAs<int>().ShouldBe(60);
        var history = await host.Store.GetHistoryAsync(id, Ct);
        history.Count(e => e.Kind == EventKind.ExecutionStarted).ShouldBe(1);
        history.First(e => e.Kind == EventKind.ExecutionStarted).Data.ShouldBe("30");
    }
}

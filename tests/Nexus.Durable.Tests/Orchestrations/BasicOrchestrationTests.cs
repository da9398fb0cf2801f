using Nexus.Durable.History;
using Nexus.Durable.Testing;
using Shouldly;
using Xunit;
using SdkStatus = Microsoft.DurableTask.Client.OrchestrationRuntimeStatus;

namespace Nexus.Durable.Tests.Orchestrations;

public sealed class BasicOrchestrationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CallActivityAsync_Sequence_ReturnsChainedResults()
    {
        await using var host = await DurableTestHost.StartAsync(r => r
            .AddTaskActivityFunc<int, int>("AddOne", (_, x) => Task.FromResult(x + 1))
            .AddTaskOrchestratorFunc<int, int>("Chain", async (ctx, x) =>
            {
                for (var i = 0; i < 5; i++)
                {
                    x = await ctx.CallActivityAsync<int>("AddOne", x);
                }

                return x;
            }),
            cancellationToken: Ct);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Chain", 10, Ct);
        var result = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Ct);

        result.RuntimeStatus.ShouldBe(SdkStatus.Completed);
        result.ReadOutputAs<int>().ShouldBe(15);
        (await host.Store.GetHistoryAsync(id, Ct)).Count(e => e.Kind == EventKind.TaskScheduled).ShouldBe(5);
    }

    [Fact]
    public async Task WhenAll_FanOut_GathersAllResults()
    {
        await using var host = await DurableTestHost.StartAsync(r => r
            .AddTaskActivityFunc<int, int>("Square", (_, x) => Task.FromResult(x * x))
            .AddTaskOrchestratorFunc<int, int>("FanOut", async (ctx, n) =>
            {
                var tasks = Enumerable.Range(1, n).Select(i => ctx.CallActivityAsync<int>("Square", i)).ToList();
                var results = await Task.WhenAll(tasks);
                return results.Sum();
            }),
            cancellationToken: Ct);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("FanOut", 100, Ct);
        var result = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Ct);

        result.RuntimeStatus.ShouldBe(SdkStatus.Completed);
        result.ReadOutputAs<int>().ShouldBe(Enumerable.Range(1, 100).Sum(i => i * i));
    }
}

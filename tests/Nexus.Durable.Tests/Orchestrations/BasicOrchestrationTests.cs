using Nexus.Durable.Orchestrations;
using Nexus.Durable.Testing;
using Shouldly;
using Xunit;

namespace Nexus.Durable.Tests.Orchestrations;

public sealed class BasicOrchestrationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CallActivityAsync_Sequence_ReturnsChainedResults()
    {
        await using var host = await DurableTestHost.StartAsync(r => r
            .AddActivity<int, int>("AddOne", (_, x) => Task.FromResult(x + 1))
            .AddOrchestration<int, int>("Chain", async (ctx, x) =>
            {
                for (var i = 0; i < 5; i++)
                {
                    x = await ctx.CallActivityAsync<int>("AddOne", x);
                }

                return x;
            }),
            cancellationToken: Ct);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Chain", 10, cancellationToken: Ct);
        var result = await host.Client.WaitForInstanceCompletionAsync(id, getHistory: true, cancellationToken: Ct);

        result.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
        result.ReadOutputAs<int>().ShouldBe(15);
        result.History!.Count(e => e.Kind == History.EventKind.TaskScheduled).ShouldBe(5);
    }

    [Fact]
    public async Task WhenAll_FanOut_GathersAllResults()
    {
        await using var host = await DurableTestHost.StartAsync(r => r
            .AddActivity<int, int>("Square", (_, x) => Task.FromResult(x * x))
            .AddOrchestration<int, int>("FanOut", async (ctx, n) =>
            {
                var tasks = Enumerable.Range(1, n).Select(i => ctx.CallActivityAsync<int>("Square", i)).ToList();
                var results = await Task.WhenAll(tasks);
                return results.Sum();
            }),
            cancellationToken: Ct);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("FanOut", 100, cancellationToken: Ct);
        var result = await host.Client.WaitForInstanceCompletionAsync(id, cancellationToken: Ct);

        result.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
        result.ReadOutputAs<int>().ShouldBe(Enumerable.Range(1, 100).Sum(i => i * i));
    }
}

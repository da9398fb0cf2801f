using Nexus.Durable.History;
using Nexus.Durable.Testing;
using Nexus.Durable.Tests.Client;
using Shouldly;
using Xunit;
using StartOrchestrationOptions = Microsoft.DurableTask.StartOrchestrationOptions;

namespace Nexus.Durable.Tests.Worker;

public sealed class StateCacheTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TenThousandWaitingInstances_CacheStaysBounded_AndEvictedOnesResumeByReplay()
    {
        const int count = 10_000;
        const int cacheSize = 200;
        await using var host = await DurableTestHost.StartAsync(
            r => r
                .AddTaskActivityFunc<int, int>("Double", (_, x) => Task.FromResult(x * 2))
                .AddTaskOrchestratorFunc<int, int>("Waiting", async (ctx, x) =>
                {
                    var doubled = await ctx.CallActivityAsync<int>("Double", x);
                    var extra = await ctx.WaitForExternalEvent<int>("add");
                    return doubled + extra;
                }),
            o => o.StateCacheSize = cacheSize,
            cancellationToken: Ct);

        for (var i = 0; i < count; i++)
        {
            await host.Client.ScheduleNewOrchestrationInstanceAsync("Waiting", i, new StartOrchestrationOptions($"w-{i}"), Ct);
        }

        foreach (var id in new[] { $"w-{count - 1}", "w-0" })
        {
            await StoreWait.UntilHistoryAsync(
                host.Store, id, h => h.Any(e => e.Kind == EventKind.TaskCompleted), $"{id} waits for its event", TimeSpan.FromSeconds(240), Ct);
        }

        host.Worker.CachedOrchestrations.ShouldBeLessThanOrEqualTo(cacheSize);

        for (var i = 0; i < count; i += 500)
        {
            await host.Client.RaiseEventAsync($"w-{i}", "add", 1, Ct);
        }

        for (var i = 0; i < count; i += 500)
        {
            var result = await host.Client.WaitForInstanceCompletionAsync($"w-{i}", getInputsAndOutputs: true, Ct);
            result.ReadOutputAs<int>().ShouldBe((i * 2) + 1);
        }

        host.Worker.CachedOrchestrations.ShouldBeLessThanOrEqualTo(cacheSize);
    }
}

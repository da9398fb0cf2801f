using Nexus.Durable.Entities;
using Nexus.Durable.Testing;
using Nexus.Durable.Tests.Support;
using Shouldly;
using Xunit;

namespace Nexus.Durable.Tests.Entities;

public sealed class EntityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<DurableTestHost> StartAsync() => DurableTestHost.StartAsync(
        r => r
            .AddEntity<Counter>()
            .AddOrchestration<string, int>("UseCounter", async (ctx, key) =>
            {
                var counter = new EntityInstanceId(nameof(Counter), key);
                ctx.SignalEntity(counter, "Add", 5);
                await ctx.CallEntityAsync(counter, "Add", 10);
                return await ctx.CallEntityAsync<int>(counter, "Get");
            })
            .AddOrchestration<string, string>("FailingOperation", async (ctx, key) =>
            {
                var counter = new EntityInstanceId(nameof(Counter), key);
                await ctx.CallEntityAsync(counter, "Add", 1);
                try
                {
                    await ctx.CallEntityAsync(counter, "AddThenFail", 100);
                    return "no failure";
                }
                catch (TaskFailedException e)
                {
                    var value = await ctx.CallEntityAsync<int>(counter, "Get");
                    return $"{e.Failure.Message}|{value}";
                }
            }),
        cancellationToken: Ct);

    [Fact]
    public async Task SignalAndCall_FromOrchestration_AppliesInOrderAndReturnsResult()
    {
        await using var host = await StartAsync();

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("UseCounter", "k1", cancellationToken: Ct);
        var result = await host.Client.WaitForInstanceCompletionAsync(id, cancellationToken: Ct);

        result.ReadOutputAs<int>().ShouldBe(15);
        var state = await host.Client.GetEntityAsync<CounterState>(new EntityInstanceId("counter", "k1"), Ct);
        state!.State.Log.ShouldBe([5, 10]);
    }

    [Fact]
    public async Task SignalEntityAsync_ManySignalsFromClient_ProcessedOneAtATimeInOrder()
    {
        await using var host = await StartAsync();
        var counter = new EntityInstanceId("Counter", "ordered");

        for (var i = 1; i <= 50; i++)
        {
            await host.Client.SignalEntityAsync(counter, "Add", i, Ct);
        }

        await Eventually.UntilAsync(
            async () => (await host.Client.GetEntityAsync<CounterState>(counter, Ct))?.State.Log.Count == 50, "50 operations applied", cancellationToken: Ct);
        var state = (await host.Client.GetEntityAsync<CounterState>(counter, Ct))!.State;
        state.Log.ShouldBe(Enumerable.Range(1, 50));
        state.Value.ShouldBe(Enumerable.Range(1, 50).Sum());
    }

    [Fact]
    public async Task CallEntityAsync_OperationThrows_CallerGetsFailureAndStateIsRolledBack()
    {
        await using var host = await StartAsync();

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("FailingOperation", "k2", cancellationToken: Ct);
        var result = await host.Client.WaitForInstanceCompletionAsync(id, cancellationToken: Ct);

        result.ReadOutputAs<string>().ShouldBe("boom after adding 100|1");
    }

    [Fact]
    public async Task Delete_Operation_RemovesState()
    {
        await using var host = await StartAsync();
        var counter = new EntityInstanceId("Counter", "gone");
        await host.Client.SignalEntityAsync(counter, "Add", 3, Ct);
        await Eventually.UntilAsync(async () => await host.Client.GetEntityAsync<CounterState>(counter, Ct) is not null, "state exists", cancellationToken: Ct);

        await host.Client.SignalEntityAsync(counter, "Delete", cancellationToken: Ct);

        await Eventually.UntilAsync(async () => await host.Client.GetEntityAsync<CounterState>(counter, Ct) is null, "state deleted", cancellationToken: Ct);
    }

    [Fact]
    public async Task SignalEntityAsync_UnknownEntityName_ThrowsAtTheCall()
    {
        await using var host = await StartAsync();

        var error = await Should.ThrowAsync<UnknownFunctionException>(() => host.Client.SignalEntityAsync(new EntityInstanceId("nope", "1"), "Add", 1, Ct));

        error.Message.ShouldContain("No entity named 'nope'");
    }
}

using Microsoft.DurableTask.Entities;
using Nexus.Durable.Client;
using Nexus.Durable.Testing;
using Nexus.Durable.Tests.Client;
using Shouldly;
using Xunit;

namespace Nexus.Durable.Tests.Entities;

public sealed class EntityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<DurableTestHost> StartAsync() => DurableTestHost.StartAsync(
        r => r
            .AddTaskEntity<Counter>()
            .AddTaskOrchestratorFunc<string, int>("UseCounter", async (ctx, key) =>
            {
                var counter = new EntityInstanceId(nameof(Counter), key);
                await ctx.Entities.SignalEntityAsync(counter, nameof(Counter.Add), 5);
                await ctx.Entities.CallEntityAsync(counter, nameof(Counter.Add), 10);
                return await ctx.Entities.CallEntityAsync<int>(counter, nameof(Counter.Get));
            })
            .AddTaskOrchestratorFunc<string, string>("FailingOperation", async (ctx, key) =>
            {
                var counter = new EntityInstanceId(nameof(Counter), key);
                await ctx.Entities.CallEntityAsync(counter, nameof(Counter.Add), 1);
                try
                {
                    await ctx.Entities.CallEntityAsync(counter, nameof(Counter.AddThenFail), 100);
                    return "no failure";
                }
                catch (EntityOperationFailedException e)
                {
                    var value = await ctx.Entities.CallEntityAsync<int>(counter, nameof(Counter.Get));
                    return $"{e.FailureDetails.ErrorMessage}|{value}";
                }
            })
            .AddTaskOrchestratorFunc<string, string>("CallsUnknownEntity", async (ctx, key) =>
            {
                try
                {
                    await ctx.Entities.CallEntityAsync<int>(new EntityInstanceId("Countr", key), nameof(Counter.Get));
                    return "no failure";
                }
                catch (EntityOperationFailedException e)
                {
                    return e.FailureDetails.ErrorMessage;
                }
            }),
        cancellationToken: Ct);

    [Fact]
    public async Task SignalAndCall_FromOrchestration_AppliesInOrderAndReturnsResult()
    {
        await using var host = await StartAsync();

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("UseCounter", "k1", Ct);
        var result = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Ct);

        result.ReadOutputAs<int>().ShouldBe(15);
        var state = await host.Client.Entities.GetEntityAsync<CounterState>(new EntityInstanceId("counter", "k1"), cancellation: Ct);
        state!.State.Log.ShouldBe([5, 10]);
    }

    [Fact]
    public async Task SignalEntityAsync_ManySignalsFromClient_ProcessedOneAtATimeInOrder()
    {
        await using var host = await StartAsync();
        var counter = new EntityInstanceId(nameof(Counter), "ordered");

        for (var i = 1; i <= 50; i++)
        {
            await host.Client.Entities.SignalEntityAsync(counter, nameof(Counter.Add), i, cancellation: Ct);
        }

        await StoreWait.UntilAsync(
            host.Store,
            "@counter@ordered",
            r => r?.Output is { } json && NexusDurableTaskClient.DefaultDataConverter.Deserialize<CounterState>(json)!.Log.Count == 50,
            "50 operations applied",
            Ct);
        var state = (await host.Client.Entities.GetEntityAsync<CounterState>(counter, cancellation: Ct))!.State;
        state.Log.ShouldBe(Enumerable.Range(1, 50));
        state.Value.ShouldBe(Enumerable.Range(1, 50).Sum());
    }

    [Fact]
    public async Task CallEntityAsync_OperationThrows_CallerGetsFailureAndStateIsRolledBack()
    {
        await using var host = await StartAsync();

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("FailingOperation", "k2", Ct);
        var result = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Ct);

        result.ReadOutputAs<string>().ShouldBe("boom after adding 100|1");
    }

    [Fact]
    public async Task Delete_Operation_RemovesState()
    {
        await using var host = await StartAsync();
        var counter = new EntityInstanceId(nameof(Counter), "gone");
        await host.Client.Entities.SignalEntityAsync(counter, nameof(Counter.Add), 3, cancellation: Ct);
        await StoreWait.UntilAsync(host.Store, "@counter@gone", r => r?.Output is not null, "state exists", Ct);

        await host.Client.Entities.SignalEntityAsync(counter, "delete", cancellation: Ct);

        await StoreWait.UntilAsync(host.Store, "@counter@gone", r => r?.Output is null, "state deleted", Ct);
        (await host.Client.Entities.GetEntityAsync<CounterState>(counter, cancellation: Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task CallEntityAsync_UnknownEntityName_CallerGetsFailureNamingIt()
    {
        await using var host = await StartAsync();

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("CallsUnknownEntity", "k3", Ct);
        var result = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Ct);

        result.ReadOutputAs<string>()!.ShouldContain("No entity named 'countr'");
    }
}

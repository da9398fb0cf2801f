using Nexus.Durable.History;
using Nexus.Durable.Storage;
using Shouldly;
using Xunit;

namespace Nexus.Durable.StoreContract;

// NewInstance.ReuseFinishedId: off, an existing id is refused in any state and nothing of it changes; on (the default),
// a finished instance is replaced as Durable Functions does.
public abstract partial class DurableStoreContractTests
{
    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Completed)]
    [InlineData(OrchestrationRuntimeStatus.Failed)]
    [InlineData(OrchestrationRuntimeStatus.Terminated)]
    public async Task CreateInstanceAsync_NoReuseAndFinishedId_ThrowsWithTheStatusAndChangesNothing(OrchestrationRuntimeStatus status)
    {
        await FinishAsync("a", status);
        var before = (await Store.GetInstanceAsync("a", Ct)).ShouldNotBeNull();
        var history = await Store.GetHistoryAsync("a", Ct);

        var refused = await Should.ThrowAsync<InstanceAlreadyExistsException>(
            () => Store.CreateInstanceAsync(Instance("a", "\"second\"") with { ExecutionId = "exec-2", ReuseFinishedId = false }, Ct).AsTask());

        refused.InstanceId.ShouldBe("a");
        refused.RuntimeStatus.ShouldBe(status);
        refused.Message.ShouldContain("'a' already exists");
        refused.Message.ShouldContain(status.ToString());
        (await Store.GetInstanceAsync("a", Ct)).ShouldBe(before);
        (await Store.GetHistoryAsync("a", Ct)).ShouldBe(history);
        (await Store.LockInstancesAsync(Request(), Ct)).Items.ShouldBeEmpty("a refused create enqueues no ExecutionStarted");
    }

    [Fact]
    public async Task CreateInstanceAsync_NoReuseAndActiveId_ThrowsWithTheStatus()
    {
        await Store.CreateInstanceAsync(Instance("pending"), Ct);
        var pending = await Should.ThrowAsync<InstanceAlreadyExistsException>(
            () => Store.CreateInstanceAsync(Instance("pending") with { ReuseFinishedId = false }, Ct).AsTask());
        await CheckpointAsync(await LockSingleAsync()); // Running

        var running = await Should.ThrowAsync<InstanceAlreadyExistsException>(
            () => Store.CreateInstanceAsync(Instance("pending") with { ReuseFinishedId = false }, Ct).AsTask());

        pending.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Pending);
        running.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Running);
        (await Store.GetHistoryAsync("pending", Ct)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task CreateInstanceAsync_NoReuseAndNewId_Creates()
    {
        await Store.CreateInstanceAsync(Instance("fresh") with { ReuseFinishedId = false }, Ct);

        (await Store.GetInstanceAsync("fresh", Ct)).ShouldNotBeNull().RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Pending);
        (await LockSingleAsync()).Messages.ShouldHaveSingleItem().Event.Kind.ShouldBe(EventKind.ExecutionStarted);
    }

    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Failed)]
    [InlineData(OrchestrationRuntimeStatus.Terminated)]
    public async Task CreateInstanceAsync_DefaultReuseAndFinishedId_Replaces(OrchestrationRuntimeStatus status)
    {
        await FinishAsync("a", status);

        await Store.CreateInstanceAsync(Instance("a", "\"second\"") with { ExecutionId = "exec-2" }, Ct);

        var record = (await Store.GetInstanceAsync("a", Ct)).ShouldNotBeNull();
        record.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Pending);
        record.ExecutionId.ShouldBe("exec-2");
        (await Store.GetHistoryAsync("a", Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task CreateInstanceAsync_ConcurrentNoReuseCreatesOfANewId_ExactlyOneWins()
    {
        const int Count = 8;
        var attempts = Enumerable.Range(0, Count).Select(i => Task.Run(
            async () =>
            {
                try
                {
                    await Store.CreateInstanceAsync(Instance("race", $"\"{i}\"") with { ExecutionId = $"exec-{i}", ReuseFinishedId = false }, Ct);
                    return i;
                }
                catch (InstanceAlreadyExistsException)
                {
                    return -1;
                }
            },
            Ct));

        var winners = (await Task.WhenAll(attempts)).Where(i => i >= 0).ToList();

        var winner = winners.ShouldHaveSingleItem();
        var record = (await Store.GetInstanceAsync("race", Ct)).ShouldNotBeNull();
        record.ExecutionId.ShouldBe($"exec-{winner}");
        record.Input.ShouldBe($"\"{winner}\"");
        (await LockSingleAsync()).Messages.ShouldHaveSingleItem().Event.ExecutionId.ShouldBe($"exec-{winner}");
    }
}

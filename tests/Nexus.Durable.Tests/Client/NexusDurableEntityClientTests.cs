using Microsoft.DurableTask.Client.Entities;
using Microsoft.DurableTask.Entities;
using Nexus.Durable.Client;
using Nexus.Durable.Testing;
using Nexus.Durable.Tests.Entities;
using Shouldly;
using Xunit;

namespace Nexus.Durable.Tests.Client;

public sealed class NexusDurableEntityClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SignalEntityAsync_SeveralSignals_AppliedOneAtATimeInOrder()
    {
        await using var h = await SdkClientHost.StartAsync();
        var counter = new EntityInstanceId("Counter", "ordered");

        for (var i = 1; i <= 10; i++)
        {
            await h.Client.Entities.SignalEntityAsync(counter, "Add", i, cancellation: Ct);
        }

        await WaitForLogAsync(h, "ordered", 10);
        var entity = await h.Client.Entities.GetEntityAsync<CounterState>(counter, cancellation: Ct);
        entity!.Id.ShouldBe(new EntityInstanceId("counter", "ordered"));
        entity.IncludesState.ShouldBeTrue();
        entity.State.Log.ShouldBe(Enumerable.Range(1, 10));
        entity.State.Value.ShouldBe(55);
        entity.LastModifiedTime.ShouldBeGreaterThan(DateTimeOffset.MinValue);
    }

    [Fact]
    public async Task GetEntityAsync_StateAskedOrNot_IncludesItOnlyWhenAsked()
    {
        await using var h = await SdkClientHost.StartAsync();
        var counter = new EntityInstanceId("counter", "s");
        await h.Client.Entities.SignalEntityAsync(counter, "Add", 4, cancellation: Ct);
        await WaitForLogAsync(h, "s", 1);

        var serialized = await h.Client.Entities.GetEntityAsync(counter, includeState: true, Ct);
        var bare = await h.Client.Entities.GetEntityAsync(counter, includeState: false, Ct);
        var bareTyped = await h.Client.Entities.GetEntityAsync<CounterState>(counter, includeState: false, Ct);

        serialized!.State.ReadAs<CounterState>()!.Value.ShouldBe(4);
        serialized.State.Value.ShouldBe("""{"value":4,"log":[4]}""");
        bare!.IncludesState.ShouldBeFalse();
        bare.Id.Key.ShouldBe("s");
        bareTyped!.IncludesState.ShouldBeFalse();
    }

    [Fact]
    public async Task GetEntityAsync_MissingOrStateDeleted_ReturnsNull()
    {
        await using var h = await SdkClientHost.StartAsync();
        var counter = new EntityInstanceId("Counter", "gone");
        await h.Client.Entities.SignalEntityAsync(counter, "Add", 1, cancellation: Ct);
        await WaitForLogAsync(h, "gone", 1);

        await h.Client.Entities.SignalEntityAsync(counter, "Delete", cancellation: Ct);
        await StoreWait.UntilAsync(h.Store, "@counter@gone", r => r is { Output: null }, "the state is deleted", Ct);

        (await h.Client.Entities.GetEntityAsync(counter, cancellation: Ct)).ShouldBeNull();
        (await h.Client.Entities.GetEntityAsync<CounterState>(new EntityInstanceId("Counter", "never"), cancellation: Ct)).ShouldBeNull();
        (await NexusDurableTaskClientTests.CollectAsync(h.Client.Entities.GetAllEntitiesAsync())).ShouldBeEmpty();
        var transient = await NexusDurableTaskClientTests.CollectAsync(h.Client.Entities.GetAllEntitiesAsync(new EntityQuery { IncludeTransient = true }));
        transient.Single().Id.ShouldBe(new EntityInstanceId("counter", "gone"));
        transient.Single().IncludesState.ShouldBeFalse();
    }

    [Fact]
    public async Task SignalEntityAsync_SignalTimeInFuture_DeliveredWhenTheClockGetsThere()
    {
        var clock = new ManualTimeProvider();
        await using var h = await SdkClientHost.StartAsync(clock: clock);
        var counter = new EntityInstanceId("Counter", "later");

        await h.Client.Entities.SignalEntityAsync(counter, "Add", 7, new SignalEntityOptions { SignalTime = clock.GetUtcNow().AddHours(1) }, Ct);
        await h.Client.Entities.SignalEntityAsync(counter, "Add", 1, cancellation: Ct);
        await WaitForLogAsync(h, "later", 1);

        (await h.Client.Entities.GetEntityAsync<CounterState>(counter, cancellation: Ct))!.State.Log.ShouldBe([1]);
        clock.Advance(TimeSpan.FromHours(1));
        await WaitForLogAsync(h, "later", 2);
        (await h.Client.Entities.GetEntityAsync<CounterState>(counter, cancellation: Ct))!.State.Log.ShouldBe([1, 7]);
    }

    [Fact]
    public async Task GetAllEntitiesAsync_ByIdPrefix_FiltersAndPages()
    {
        await using var h = await SdkClientHost.StartAsync();
        foreach (var key in new[] { "k1", "k2", "k3" })
        {
            await h.Client.Entities.SignalEntityAsync(new EntityInstanceId("Counter", key), "Add", key[1] - '0', cancellation: Ct);
            await WaitForLogAsync(h, key, 1);
        }

        await h.Client.Entities.SignalEntityAsync(new EntityInstanceId("ghost", "1"), "Boo", cancellation: Ct);
        var greet = await h.Client.ScheduleNewOrchestrationInstanceAsync("Greet", new Greeting("x", 1), Ct);
        await h.Client.WaitForInstanceCompletionAsync(greet, Ct);

        var pages = await NexusDurableTaskClientTests.CollectAsync(
            h.Client.Entities.GetAllEntitiesAsync<CounterState>(new EntityQuery { InstanceIdStartsWith = "counter@", PageSize = 2 }).AsPages());
        var exact = await NexusDurableTaskClientTests.CollectAsync(h.Client.Entities.GetAllEntitiesAsync(new EntityQuery { InstanceIdStartsWith = "Counter@k2" }));
        var namePrefix = await NexusDurableTaskClientTests.CollectAsync(h.Client.Entities.GetAllEntitiesAsync(new EntityQuery { InstanceIdStartsWith = "@coun", IncludeState = false }));
        var all = await NexusDurableTaskClientTests.CollectAsync(h.Client.Entities.GetAllEntitiesAsync(new EntityQuery { IncludeTransient = true }));
        var none = await NexusDurableTaskClientTests.CollectAsync(h.Client.Entities.GetAllEntitiesAsync(new EntityQuery { LastModifiedFrom = DateTimeOffset.UtcNow.AddDays(1) }));

        pages.Select(p => p.Values.Count).ShouldBe([2, 1]);
        pages.SelectMany(p => p.Values).Select(e => (e.Id.Key, e.State.Value)).ShouldBe([("k1", 1), ("k2", 2), ("k3", 3)]);
        exact.Single().State.ReadAs<CounterState>()!.Value.ShouldBe(2);
        namePrefix.Count.ShouldBe(3);
        namePrefix.ShouldAllBe(e => !e.IncludesState);
        all.Select(e => e.Id.ToString()).Order().ShouldBe(["@counter@k1", "@counter@k2", "@counter@k3", "@ghost@1"]);
        none.ShouldBeEmpty();
    }

    [Fact]
    public async Task SignalEntityAsync_UnserializableInputOrInvalidId_ThrowsArgumentAndSendsNothing()
    {
        await using var h = await SdkClientHost.StartAsync();

        await Should.ThrowAsync<ArgumentException>(
            () => h.Client.Entities.SignalEntityAsync(new EntityInstanceId("Counter", "bad"), "Add", Cycle.Create(), cancellation: Ct));
        await Should.ThrowAsync<ArgumentException>(
            () => h.Client.Entities.SignalEntityAsync(new EntityInstanceId("Counter", ""), "Add", 1, cancellation: Ct));
        await Should.ThrowAsync<ArgumentException>(
            () => h.Client.Entities.SignalEntityAsync(new EntityInstanceId("Counter", "ok"), " ", 1, cancellation: Ct));

        (await h.Store.QueryInstancesAsync(new() { IncludeEntities = true }, Ct)).Instances.ShouldBeEmpty();
    }

    [Fact]
    public async Task CleanEntityStorageAsync_NoLocks_ReportsNothingToClean()
    {
        await using var h = await SdkClientHost.StartAsync();
        await h.Client.Entities.SignalEntityAsync(new EntityInstanceId("ghost", "1"), "Boo", cancellation: Ct);

        var result = await h.Client.Entities.CleanEntityStorageAsync(CleanEntityStorageRequest.Default, cancellation: Ct);

        result.EmptyEntitiesRemoved.ShouldBe(0);
        result.OrphanedLocksReleased.ShouldBe(0);
        result.ContinuationToken.ShouldBeNull();
        (await h.Store.GetInstanceAsync("@ghost@1", Ct)).ShouldNotBeNull();
    }

    private static Task<Nexus.Durable.Storage.InstanceRecord?> WaitForLogAsync(SdkClientHost h, string key, int count) =>
        StoreWait.UntilAsync(
            h.Store,
            $"@counter@{key}",
            r => r?.Output is { } json && NexusDurableTaskClient.DefaultDataConverter.Deserialize<CounterState>(json)!.Log.Count >= count,
            $"counter {key} has {count} operations",
            Ct);
}

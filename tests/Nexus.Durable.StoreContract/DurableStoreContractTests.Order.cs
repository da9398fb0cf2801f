using Nexus.Durable.Storage;
using Shouldly;
using Xunit;

namespace Nexus.Durable.StoreContract;

public abstract partial class DurableStoreContractTests
{
    [Theory]
    [InlineData(InstanceOrder.CreatedTime, false)]
    [InlineData(InstanceOrder.CreatedTime, true)]
    [InlineData(InstanceOrder.LastUpdatedTime, false)]
    [InlineData(InstanceOrder.LastUpdatedTime, true)]
    [InlineData(InstanceOrder.RuntimeStatus, false)]
    [InlineData(InstanceOrder.RuntimeStatus, true)]
    [InlineData(InstanceOrder.InstanceId, false)]
    [InlineData(InstanceOrder.InstanceId, true)]
    public async Task QueryInstancesAsync_OrderBy_PagesInThatOrderAcrossPages(InstanceOrder order, bool descending)
    {
        await CreateMixedInstancesAsync();
        var all = (await Store.QueryInstancesAsync(new InstanceQuery { PageSize = 1000 }, Ct)).Instances;
        all.Count.ShouldBe(9);
        var ascending = all
            .OrderBy(r => SortKey(r, order)).ThenBy(r => r.InstanceId, StringComparer.Ordinal)
            .Select(r => r.InstanceId)
            .ToList();
        var expected = descending ? Enumerable.Reverse(ascending).ToList() : ascending;

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await Store.QueryInstancesAsync(
                new InstanceQuery { PageSize = 2, OrderBy = order, Descending = descending, ContinuationToken = token }, Ct);
            page.Instances.Count.ShouldBeLessThanOrEqualTo(2);
            seen.AddRange(page.Instances.Select(i => i.InstanceId));
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null && pages < 20);

        seen.ShouldBe(expected);
        pages.ShouldBe(5);
    }

    [Fact]
    public async Task QueryInstancesAsync_OrderBy_EachColumnGivesItsOwnOrder()
    {
        await CreateMixedInstancesAsync();

        async Task<List<string>> IdsAsync(InstanceOrder order) =>
            [.. (await Store.QueryInstancesAsync(new InstanceQuery { PageSize = 1000, OrderBy = order }, Ct)).Instances.Select(i => i.InstanceId)];

        var byCreated = await IdsAsync(InstanceOrder.CreatedTime);
        var byUpdated = await IdsAsync(InstanceOrder.LastUpdatedTime);
        var byStatus = await IdsAsync(InstanceOrder.RuntimeStatus);
        var byId = await IdsAsync(InstanceOrder.InstanceId);

        byUpdated.ShouldNotBe(byCreated);
        byUpdated.TakeLast(3).ShouldBe(["o-5", "o-2", "o-8"]); // the running ones, updated last, in reverse creation order
        byStatus.Take(3).ShouldBe(["o-2", "o-5", "o-8"]); // Running (1) first, then Completed (2) and Failed (4)
        byId.ShouldBe(byId.Order(StringComparer.Ordinal));
        byId.ShouldNotBe(byCreated);
    }

    // Nine instances created one second apart in a scrambled id order: completed, failed and running in turn; then the
    // running ones are updated again, in reverse creation order, so no two columns order them alike.
    private async Task CreateMixedInstancesAsync()
    {
        var running = new List<string>();
        for (var i = 0; i < 9; i++)
        {
            Clock.Advance(TimeSpan.FromSeconds(1));
            var id = $"o-{(i * 4) % 9}";
            switch (i % 3)
            {
                case 0:
                    await FinishAsync(id);
                    break;
                case 1:
                    await FinishAsync(id, OrchestrationRuntimeStatus.Failed);
                    break;
                default:
                    await StartAsync(id);
                    running.Add(id);
                    break;
            }
        }

        foreach (var id in Enumerable.Reverse(running))
        {
            Clock.Advance(TimeSpan.FromSeconds(1));
            await Store.SendMessagesAsync([new OrchestrationMessage(id, Raised("poke"))], Ct);
            await CheckpointAsync(await LockSingleAsync());
        }
    }

    private static long SortKey(InstanceRecord record, InstanceOrder order) => order switch
    {
        InstanceOrder.CreatedTime => record.CreatedTime.UtcTicks,
        InstanceOrder.LastUpdatedTime => record.LastUpdatedTime.UtcTicks,
        InstanceOrder.RuntimeStatus => (long)record.RuntimeStatus,
        _ => 0,
    };
}

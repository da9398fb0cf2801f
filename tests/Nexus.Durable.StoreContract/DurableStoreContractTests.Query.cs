using Nexus.Durable.Storage;
using Shouldly;
using Xunit;

namespace Nexus.Durable.StoreContract;

public abstract partial class DurableStoreContractTests
{
    [Fact]
    public async Task QueryInstancesAsync_StatusFilter_ReturnsOnlyMatching()
    {
        await FinishAsync("completed");
        await FinishAsync("failed", OrchestrationRuntimeStatus.Failed);
        await StartAsync("running");
        await Store.CreateInstanceAsync(Instance("pending"), Ct);

        var page = await Store.QueryInstancesAsync(
            new InstanceQuery { RuntimeStatus = [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Running] }, Ct);

        page.Instances.Select(i => i.InstanceId).Order(StringComparer.Ordinal).ShouldBe(["completed", "running"]);
        page.ContinuationToken.ShouldBeNull();
    }

    [Fact]
    public async Task QueryInstancesAsync_CreatedRange_FromInclusiveToExclusive()
    {
        var t0 = Clock.GetUtcNow();
        foreach (var id in new[] { "i0", "i1", "i2", "i3" })
        {
            await Store.CreateInstanceAsync(Instance(id), Ct);
            Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var page = await Store.QueryInstancesAsync(new InstanceQuery { CreatedFrom = t0.AddMinutes(1), CreatedTo = t0.AddMinutes(3) }, Ct);

        page.Instances.Select(i => i.InstanceId).ShouldBe(["i1", "i2"]);
    }

    [Fact]
    public async Task QueryInstancesAsync_IdPrefix_MatchesOrdinally()
    {
        foreach (var id in new[] { "order-1", "order-2", "Order-3", "orders", "invoice-1" })
        {
            await Store.CreateInstanceAsync(Instance(id), Ct);
        }

        var page = await Store.QueryInstancesAsync(new InstanceQuery { InstanceIdPrefix = "order-" }, Ct);

        page.Instances.Select(i => i.InstanceId).ShouldBe(["order-1", "order-2"]);
    }

    [Fact]
    public async Task QueryInstancesAsync_Paging_VisitsEveryInstanceOnceInOrder()
    {
        var expected = new List<string>();
        for (var i = 0; i < 23; i++)
        {
            // Several instances share a creation time: the id breaks the tie.
            if (i % 4 == 0)
            {
                Clock.Advance(TimeSpan.FromSeconds(1));
            }

            var id = $"inst-{(i * 7) % 23:D2}";
            await Store.CreateInstanceAsync(Instance(id), Ct);
            expected.Add(id);
        }

        var expectedOrder = expected
            .Select((id, index) => (id, time: index / 4))
            .OrderBy(x => x.time).ThenBy(x => x.id, StringComparer.Ordinal)
            .Select(x => x.id)
            .ToList();
        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await Store.QueryInstancesAsync(new InstanceQuery { PageSize = 5, ContinuationToken = token }, Ct);
            page.Instances.Count.ShouldBeLessThanOrEqualTo(5);
            seen.AddRange(page.Instances.Select(i => i.InstanceId));
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null && pages < 20);

        seen.ShouldBe(expectedOrder);
        pages.ShouldBe(5);
    }

    [Fact]
    public async Task QueryInstancesAsync_Descending_PagesNewestFirstWithFilters()
    {
        var created = new List<(string Id, int Time)>();
        for (var i = 0; i < 17; i++)
        {
            if (i % 3 == 0)
            {
                Clock.Advance(TimeSpan.FromSeconds(1));
            }

            var id = $"{(i % 2 == 0 ? "even" : "odd")}-{(i * 5) % 17:D2}";
            await Store.CreateInstanceAsync(Instance(id), Ct);
            created.Add((id, i / 3));
        }

        var expected = created
            .Where(x => x.Id.StartsWith("even-", StringComparison.Ordinal))
            .OrderByDescending(x => x.Time).ThenByDescending(x => x.Id, StringComparer.Ordinal)
            .Select(x => x.Id)
            .ToList();
        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await Store.QueryInstancesAsync(new InstanceQuery { PageSize = 2, InstanceIdPrefix = "even-", Descending = true, ContinuationToken = token }, Ct);
            seen.AddRange(page.Instances.Select(i => i.InstanceId));
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null && pages < 20);

        seen.ShouldBe(expected);
        pages.ShouldBe((expected.Count + 1) / 2);
    }

    [Fact]
    public async Task QueryInstancesAsync_Entities_ExcludedByDefault()
    {
        await Store.CreateInstanceAsync(Instance("orchestration"), Ct);
        await Store.SendMessagesAsync([new OrchestrationMessage("@counter@k1", Event(Nexus.Durable.History.EventKind.EntityOperationSignaled, name: "add"))], Ct);

        var page = await Store.QueryInstancesAsync(new InstanceQuery(), Ct);
        page.Instances.Select(i => i.InstanceId).ShouldBe(["orchestration"]);

        page = await Store.QueryInstancesAsync(new InstanceQuery { IncludeEntities = true }, Ct);
        page.Instances.Select(i => i.InstanceId).Order(StringComparer.Ordinal).ShouldBe(["@counter@k1", "orchestration"]);
    }
}

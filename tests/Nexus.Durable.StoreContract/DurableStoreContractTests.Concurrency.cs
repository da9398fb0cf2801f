using System.Collections.Concurrent;
using Nexus.Durable.History;
using Nexus.Durable.Storage;
using Shouldly;
using Xunit;

namespace Nexus.Durable.StoreContract;

public abstract partial class DurableStoreContractTests
{
    [Fact]
    public async Task LockInstancesAsync_ParallelLockers_NeverGetTheSameInstanceTwice()
    {
        const int Count = 60;
        for (var i = 0; i < Count; i++)
        {
            await Store.CreateInstanceAsync(Instance($"i{i:D3}"), Ct);
        }

        var taken = new ConcurrentBag<string>();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(
            async () =>
            {
                while (true)
                {
                    var batch = await Store.LockInstancesAsync(Request($"w{worker}", 3), Ct);
                    if (batch.Items.Count == 0)
                    {
                        return;
                    }

                    foreach (var item in batch.Items)
                    {
                        taken.Add(item.Instance.InstanceId);
                    }
                }
            },
            Ct)));

        taken.Count.ShouldBe(Count);
        taken.Distinct().Count().ShouldBe(Count);
    }

    [Fact]
    public async Task LockActivitiesAsync_ParallelLockersAndCompleters_EachActivityCompletedOnce()
    {
        const int Count = 80;
        await Store.CreateInstanceAsync(Instance("a"), Ct);
        var workItem = await LockSingleAsync();
        await CheckpointAsync(workItem, activities: [.. Enumerable.Range(0, Count).Select(i => new ActivityRequest("a", "exec-a", i, "Act", null))]);

        var taken = new ConcurrentBag<long>();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(
            async () =>
            {
                while (true)
                {
                    var batch = await Store.LockActivitiesAsync(Request($"w{worker}", 4), Ct);
                    if (batch.Items.Count == 0)
                    {
                        return;
                    }

                    foreach (var item in batch.Items)
                    {
                        taken.Add(item.Id);
                        await Store.CompleteActivityAsync(item, Event(EventKind.TaskCompleted, item.Request.TaskId), Ct);
                    }
                }
            },
            Ct)));

        taken.Count.ShouldBe(Count);
        taken.Distinct().Count().ShouldBe(Count);
        var results = await LockSingleAsync();
        results.Messages.Select(m => m.Event.TaskId).Order().ShouldBe(Enumerable.Range(0, Count));
    }
}

using System.Collections.Concurrent;
using Nexus.Durable.History;
using Nexus.Durable.Storage;
using Nexus.Durable.Testing;
using Shouldly;
using Xunit;

namespace Nexus.Durable.Sqlite.Tests;

public sealed class SqliteGroupCommitTests : IDisposable
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private readonly TempDatabase _database = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task CompleteActivityAsync_200Concurrent_CommitInFarFewerTransactions()
    {
        await using var store = new SqliteDurableStore(_database.Options(new ManualTimeProvider()));
        await store.InitializeAsync(Ct);
        var activities = await ScheduleAsync(store, "a", 200);
        var transactionsBefore = store.CommittedTransactions;
        var requestsBefore = store.WriteRequests;

        await Task.WhenAll(activities.Select(a => store.CompleteActivityAsync(a, Completed(a), Ct).AsTask()));

        (store.WriteRequests - requestsBefore).ShouldBe(200);
        (store.CommittedTransactions - transactionsBefore).ShouldBeLessThan(40);
        var diagnostics = await store.GetDiagnosticsAsync("a", Ct);
        diagnostics.PendingActivities.ShouldBe(0);
        diagnostics.PendingMessages.ShouldBe(200);
    }

    [Fact]
    public async Task LockActivitiesAsync_TwoStoresOnOneFile_EachActivityCompletedOnce()
    {
        var clock = new ManualTimeProvider();
        await using var first = new SqliteDurableStore(_database.Options(clock));
        await using var second = new SqliteDurableStore(_database.Options(clock));
        await first.InitializeAsync(Ct);
        await second.InitializeAsync(Ct);
        await ScheduleAsync(first, "a", 120, lockThem: false);

        var taken = new ConcurrentBag<long>();
        await Task.WhenAll(new[] { first, second, first, second }.Select((store, worker) => Task.Run(
            async () =>
            {
                while (true)
                {
                    var batch = await store.LockActivitiesAsync(new LockRequest($"w{worker}", 5, Lease), Ct);
                    if (batch.Items.Count == 0)
                    {
                        return;
                    }

                    foreach (var item in batch.Items)
                    {
                        taken.Add(item.Id);
                        await store.CompleteActivityAsync(item, Completed(item), Ct);
                    }
                }
            },
            Ct)));

        taken.Count.ShouldBe(120);
        taken.Distinct().Count().ShouldBe(120);
        (await second.GetDiagnosticsAsync("a", Ct)).PendingMessages.ShouldBe(120);
    }

    internal static async Task<IReadOnlyList<ActivityWorkItem>> ScheduleAsync(SqliteDurableStore store, string id, int count, bool lockThem = true)
    {
        await store.CreateInstanceAsync(new NewInstance { InstanceId = id, Name = "N", ExecutionId = "exec-" + id }, Ct);
        var workItem = (await store.LockInstancesAsync(new LockRequest("o", 1, Lease), Ct)).Items.Single();
        await store.CheckpointAsync(
            new OrchestrationCheckpoint
            {
                WorkItem = workItem,
                NewHistory = [workItem.Messages[0].Event],
                Update = new InstanceUpdate { RuntimeStatus = OrchestrationRuntimeStatus.Running },
                Activities = [.. Enumerable.Range(0, count).Select(i => new ActivityRequest(id, "exec-" + id, i, "Act", "\"in\""))],
            },
            Ct);
        return lockThem ? (await store.LockActivitiesAsync(new LockRequest("w", count, Lease), Ct)).Items : [];
    }

    internal static HistoryEvent Completed(ActivityWorkItem item) =>
        new() { Kind = EventKind.TaskCompleted, TaskId = item.Request.TaskId, Data = "\"out\"" };
}

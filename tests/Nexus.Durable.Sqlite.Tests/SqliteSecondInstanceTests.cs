using Nexus.Durable.History;
using Nexus.Durable.Storage;
using Nexus.Durable.Testing;
using Shouldly;
using Xunit;

namespace Nexus.Durable.Sqlite.Tests;

/// <summary>A second store on the same file (as another process would open it) reads while the first one writes.</summary>
public sealed class SqliteSecondInstanceTests : IDisposable
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private readonly TempDatabase _database = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Reads_WhileWriterHoldsOpenTransaction_SeeLastCommittedStateWithoutWaiting()
    {
        using var gate = new WriterGate();
        var clock = new ManualTimeProvider();
        var writerOptions = _database.Options(clock);
        writerOptions.BeforeCommit = gate.Hook;
        await using var writer = new SqliteDurableStore(writerOptions);
        await writer.InitializeAsync(Ct);
        await using var reader = new SqliteDurableStore(_database.Options(clock));
        await reader.InitializeAsync(Ct);
        await writer.CreateInstanceAsync(new NewInstance { InstanceId = "a", Name = "N", ExecutionId = "e" }, Ct);
        var workItem = (await writer.LockInstancesAsync(new LockRequest("w", 1, Lease), Ct)).Items.Single();

        gate.HoldNextCommit();
        var checkpoint = writer.CheckpointAsync(
            new OrchestrationCheckpoint
            {
                WorkItem = workItem,
                NewHistory = [workItem.Messages[0].Event],
                Update = new InstanceUpdate { RuntimeStatus = OrchestrationRuntimeStatus.Running },
            },
            Ct).AsTask();
        gate.WaitUntilHeld();

        var duringStatus = await reader.GetInstanceAsync("a", Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), Ct);
        var duringHistory = await reader.GetHistoryAsync("a", Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), Ct);
        gate.Release();
        await checkpoint;

        duringStatus.ShouldNotBeNull().RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Pending);
        duringHistory.ShouldBeEmpty();
        (await reader.GetInstanceAsync("a", Ct)).ShouldNotBeNull().RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Running);
        (await reader.GetHistoryAsync("a", Ct)).ShouldHaveSingleItem().Kind.ShouldBe(EventKind.ExecutionStarted);
    }

    [Fact]
    public async Task Reads_WhileOtherStoreCheckpointsInALoop_HistoryOnlyGrows()
    {
        var clock = new ManualTimeProvider();
        await using var writer = new SqliteDurableStore(_database.Options(clock));
        await writer.InitializeAsync(Ct);
        await using var reader = new SqliteDurableStore(_database.Options(clock));
        await reader.InitializeAsync(Ct);
        await writer.CreateInstanceAsync(new NewInstance { InstanceId = "a", Name = "N", ExecutionId = "e" }, Ct);

        var writing = Task.Run(
            async () =>
            {
                for (var i = 0; i < 40; i++)
                {
                    var workItem = (await writer.LockInstancesAsync(new LockRequest("w", 1, Lease), Ct)).Items.Single();
                    await writer.CheckpointAsync(
                        new OrchestrationCheckpoint
                        {
                            WorkItem = workItem,
                            NewHistory = [.. workItem.Messages.Select(m => m.Event)],
                            Update = new InstanceUpdate { RuntimeStatus = OrchestrationRuntimeStatus.Running, CustomStatus = i.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                        },
                        Ct);
                    await writer.SendMessagesAsync([new OrchestrationMessage("a", new HistoryEvent { Kind = EventKind.EventRaised, Name = "e" + i })], Ct);
                }
            },
            Ct);

        var observed = new List<int>();
        while (!writing.IsCompleted)
        {
            observed.Add((await reader.GetHistoryAsync("a", Ct)).Count);
        }

        await writing;
        observed.Add((await reader.GetHistoryAsync("a", Ct)).Count);
        observed.ShouldBeInOrder(SortDirection.Ascending);
        observed[^1].ShouldBe(40);
        (await reader.GetInstanceAsync("a", Ct)).ShouldNotBeNull().CustomStatus.ShouldBe("39");
    }
}

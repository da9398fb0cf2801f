using Nexus.Durable.History;
using Nexus.Durable.Storage;
using Nexus.Durable.Testing;
using Shouldly;
using Xunit;

namespace Nexus.Durable.Sqlite.Tests;

public sealed class SqliteFaultInjectionTests : IAsyncLifetime
{
    private readonly TempDatabase _database = new();
    private readonly WriterGate _gate = new();
    private readonly ManualTimeProvider _clock = new();
    private SqliteDurableStore _store = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var options = _database.Options(_clock);
        options.BeforeCommit = _gate.Hook;
        _store = new SqliteDurableStore(options);
        await _store.InitializeAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        _gate.Dispose();
        await _store.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task Commit_Fails_WholeGroupRolledBackThenRetrySucceedsWithoutDuplicates()
    {
        await _store.CreateInstanceAsync(Instance("existing"), Ct);
        var committedBefore = _store.CommittedTransactions;
        _gate.Failing = true;
        _gate.HoldNextCommit();
        var blocker = _store.CreateInstanceAsync(Instance("blocker"), Ct).AsTask();
        _gate.WaitUntilHeld();
        var group = Enumerable.Range(0, 10).Select(i => _store.CreateInstanceAsync(Instance($"c{i}"), Ct).AsTask())
            .Append(_store.SendMessagesAsync([new OrchestrationMessage("existing", Raised("e"))], Ct).AsTask())
            .ToList();

        _gate.Release();

        await Should.ThrowAsync<DurableException>(blocker);
        foreach (var task in group)
        {
            var ex = await Should.ThrowAsync<DurableException>(task);
            ex.InnerException.ShouldBeOfType<IOException>();
        }

        _store.CommittedTransactions.ShouldBe(committedBefore);
        (await _store.QueryInstancesAsync(new InstanceQuery(), Ct)).Instances.Select(i => i.InstanceId).ShouldBe(["existing"]);
        (await _store.GetDiagnosticsAsync("existing", Ct)).PendingMessages.ShouldBe(1);

        _gate.Failing = false;
        await _store.CreateInstanceAsync(Instance("blocker"), Ct);
        for (var i = 0; i < 10; i++)
        {
            await _store.CreateInstanceAsync(Instance($"c{i}"), Ct);
        }

        await _store.SendMessagesAsync([new OrchestrationMessage("existing", Raised("e"))], Ct);
        (await _store.QueryInstancesAsync(new InstanceQuery(), Ct)).Instances.Count.ShouldBe(12);
        (await _store.GetDiagnosticsAsync("c3", Ct)).PendingMessages.ShouldBe(1);
        (await _store.GetDiagnosticsAsync("existing", Ct)).PendingMessages.ShouldBe(2);
    }

    [Fact]
    public async Task CompleteActivity_CommitFails_ActivityKeptAndRetryDeliversOnce()
    {
        await _store.CreateInstanceAsync(Instance("a"), Ct);
        var workItem = (await _store.LockInstancesAsync(new LockRequest("w", 1, TimeSpan.FromMinutes(1)), Ct)).Items.Single();
        await _store.CheckpointAsync(
            new OrchestrationCheckpoint
            {
                WorkItem = workItem,
                NewHistory = [workItem.Messages[0].Event],
                Update = new InstanceUpdate { RuntimeStatus = OrchestrationRuntimeStatus.Running },
                Activities = [new ActivityRequest("a", "exec-a", 0, "Act", null)],
            },
            Ct);
        var activity = (await _store.LockActivitiesAsync(new LockRequest("w", 1, TimeSpan.FromMinutes(1)), Ct)).Items.Single();
        var result = new HistoryEvent { Kind = EventKind.TaskCompleted, TaskId = 0, Data = "1" };

        _gate.Failing = true;
        await Should.ThrowAsync<DurableException>(() => _store.CompleteActivityAsync(activity, result, Ct).AsTask());
        var diagnostics = await _store.GetDiagnosticsAsync("a", Ct);
        diagnostics.PendingActivities.ShouldBe(1);
        diagnostics.PendingMessages.ShouldBe(0);

        _gate.Failing = false;
        await _store.CompleteActivityAsync(activity, result, Ct);
        diagnostics = await _store.GetDiagnosticsAsync("a", Ct);
        diagnostics.PendingActivities.ShouldBe(0);
        diagnostics.PendingMessages.ShouldBe(1);
    }

    [Fact]
    public async Task Group_OneRequestFails_OnlyItsSavepointRollsBack()
    {
        await _store.CreateInstanceAsync(Instance("active"), Ct);
        var committedBefore = _store.CommittedTransactions;
        _gate.HoldNextCommit();
        var blocker = _store.CreateInstanceAsync(Instance("blocker"), Ct).AsTask();
        _gate.WaitUntilHeld();
        var good = Enumerable.Range(0, 5).Select(i => _store.CreateInstanceAsync(Instance($"ok{i}"), Ct).AsTask()).ToList();
        var duplicate = _store.CreateInstanceAsync(Instance("active"), Ct).AsTask();
        var more = _store.SendMessagesAsync([new OrchestrationMessage("active", Raised("after"))], Ct).AsTask();

        _gate.Release();

        await blocker;
        await Task.WhenAll(good);
        await more;
        await Should.ThrowAsync<InstanceAlreadyExistsException>(duplicate);
        _store.CommittedTransactions.ShouldBe(committedBefore + 2); // the held group, then everything queued behind it
        (await _store.QueryInstancesAsync(new InstanceQuery(), Ct)).Instances.Count.ShouldBe(7);
        (await _store.GetDiagnosticsAsync("active", Ct)).PendingMessages.ShouldBe(2);
    }

    private static NewInstance Instance(string id) => new() { InstanceId = id, Name = "N", ExecutionId = "exec-" + id };

    private static HistoryEvent Raised(string name) => new() { Kind = EventKind.EventRaised, Name = name };
}

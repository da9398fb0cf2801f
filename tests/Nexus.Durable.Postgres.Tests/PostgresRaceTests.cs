using Nexus.Durable.History;
using Nexus.Durable.Storage;
using Nexus.Durable.Testing;
using Nexus.Testing.Postgres;
using Npgsql;
using Shouldly;
using Xunit;

namespace Nexus.Durable.Postgres.Tests;

/// <summary>Two workers (two stores, each with its own connection pool, as two processes would have) race for the same
/// instances on one schema: one wins each lock, a stale owner's checkpoint is rejected, and the history never holds two
/// events at one position.</summary>
public sealed class PostgresRaceTests : IAsyncLifetime
{
    private const int Instances = 20;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    private readonly ManualTimeProvider _clock = new();
    private PostgresTestSchema? _schema;
    private PostgresDurableStore? _first;
    private PostgresDurableStore? _second;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private PostgresTestSchema Schema => _schema!;

    private PostgresDurableStore First => _first!;

    private PostgresDurableStore Second => _second!;

    public async ValueTask InitializeAsync()
    {
        _schema = await (await PostgresServer.GetAsync()).CreateSchemaAsync("race", Ct);
        _first = Open("Application Name=race-1");
        _second = Open("Application Name=race-2");
        await Task.WhenAll(First.InitializeAsync(Ct).AsTask(), Second.InitializeAsync(Ct).AsTask());
    }

    public async ValueTask DisposeAsync()
    {
        await (_first?.DisposeAsync() ?? ValueTask.CompletedTask);
        await (_second?.DisposeAsync() ?? ValueTask.CompletedTask);
        await (_schema?.DisposeAsync() ?? ValueTask.CompletedTask);
    }

    [Fact]
    public async Task TwoWorkersLockAtOnce_EachInstanceGoesToExactlyOne()
    {
        await CreateInstancesAsync();

        var batches = await Task.WhenAll(
            First.LockInstancesAsync(new LockRequest("w1", Instances, Lease, InstanceKind.Orchestration), Ct).AsTask(),
            Second.LockInstancesAsync(new LockRequest("w2", Instances, Lease, InstanceKind.Orchestration), Ct).AsTask());

        var taken = batches.SelectMany(b => b.Items.Select(i => i.Instance.InstanceId)).ToList();
        taken.Count.ShouldBe(Instances, $"w1 took {batches[0].Items.Count}, w2 took {batches[1].Items.Count}");
        taken.Distinct().Count().ShouldBe(Instances);
        (await OwnersAsync()).Values.ShouldAllBe(owner => owner == "w1" || owner == "w2");
    }

    [Fact]
    public async Task StaleOwnerAndNewOwnerCheckpointAtOnce_OneWinsTheOtherIsRejected_NoDuplicateHistory()
    {
        await CreateInstancesAsync();
        var stale = (await First.LockInstancesAsync(new LockRequest("w1", Instances, Lease, InstanceKind.Orchestration), Ct)).Items;
        stale.Count.ShouldBe(Instances);
        _clock.Advance(Lease + TimeSpan.FromSeconds(1)); // w1 stalls past its lease; w2 takes every instance over
        var current = (await Second.LockInstancesAsync(new LockRequest("w2", Instances, Lease, InstanceKind.Orchestration), Ct)).Items;
        current.Count.ShouldBe(Instances);

        var byId = current.ToDictionary(i => i.Instance.InstanceId, StringComparer.Ordinal);
        var outcomes = await Task.WhenAll(stale.Select(async old =>
        {
            var fresh = byId[old.Instance.InstanceId];
            var results = await Task.WhenAll(TryCheckpointAsync(First, old, "from-w1"), TryCheckpointAsync(Second, fresh, "from-w2"));
            return (Id: old.Instance.InstanceId, Stale: results[0], Current: results[1]);
        }));

        foreach (var (id, staleResult, currentResult) in outcomes)
        {
            staleResult.ShouldBeOfType<LeaseLostException>($"{id}: the expired owner's checkpoint must be rejected");
            currentResult.ShouldBeNull($"{id}: the current owner's checkpoint must commit");
            var history = await First.GetHistoryAsync(id, Ct);
            history.Select(e => e.Kind).ShouldBe([EventKind.ExecutionStarted, EventKind.TaskScheduled]);
            history[1].Name.ShouldBe("from-w2");
        }

        (await DuplicatePositionsAsync()).ShouldBe(0);
        (await ActivityCountAsync()).ShouldBe(Instances, "only the winners' activities were queued");
    }

    [Fact]
    public async Task SecondWriterPastTheOwnerGuard_FailsOnTheHistoryPositionAndWritesNothing()
    {
        await CreateInstancesAsync(count: 1);
        var id = InstanceId(0);
        var writer = (await First.LockInstancesAsync(new LockRequest("w1", 1, Lease, InstanceKind.Orchestration), Ct)).Items.ShouldHaveSingleItem();

        // Another writer has already committed positions 0 and 1 (inserted directly, as if its checkpoint raced this one
        // past the guard); the instance row still names w1 and the old history length, so only the history key can stop
        // w1's checkpoint.
        await ExecuteAsync(
            $"INSERT INTO \"{Schema.Name}\".history (instance_id, position, kind, task_id, ts) VALUES " +
            $"('{id}', 0, {(int)EventKind.ExecutionStarted}, -1, 0), ('{id}', 1, {(int)EventKind.EventRaised}, -1, 0)");

        var error = await TryCheckpointAsync(First, writer, "from-w1");

        error.ShouldBeOfType<LeaseLostException>().Message.ShouldContain("history");
        var history = await First.GetHistoryAsync(id, Ct);
        history.Select(e => e.Kind).ShouldBe([EventKind.ExecutionStarted, EventKind.EventRaised], "the other writer's events stay; w1 wrote none");
        (await ActivityCountAsync()).ShouldBe(0, "the rejected checkpoint queued no activity");
        (await First.GetInstanceAsync(id, Ct))!.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Pending, "the rejected checkpoint did not update the instance");
        (await OwnersAsync())[id].ShouldBe("w1", "the whole transaction rolled back, lock included");
    }

    private static string InstanceId(int i) => $"race-{i:D2}";

    private PostgresDurableStore Open(string extra) => new(new PostgresStoreOptions
    {
        ConnectionString = Schema.ConnectionString + ";" + extra,
        Schema = Schema.Name,
        TimeProvider = _clock,
    });

    private async Task CreateInstancesAsync(int count = Instances)
    {
        for (var i = 0; i < count; i++)
        {
            var id = InstanceId(i);
            await First.CreateInstanceAsync(new NewInstance { InstanceId = id, Name = "Race", ExecutionId = "exec-" + id, Input = "1" }, Ct);
        }
    }

    // Commits the episode's ExecutionStarted plus one TaskScheduled named after the writer, with its activity; returns
    // the exception (null when it committed).
    private async Task<Exception?> TryCheckpointAsync(PostgresDurableStore store, OrchestrationWorkItem workItem, string writer)
    {
        var id = workItem.Instance.InstanceId;
        try
        {
            await store.CheckpointAsync(
                new OrchestrationCheckpoint
                {
                    WorkItem = workItem,
                    NewHistory =
                    [
                        .. workItem.Messages.Select(m => m.Event),
                        new HistoryEvent { Kind = EventKind.TaskScheduled, TaskId = 0, Name = writer },
                    ],
                    Update = new InstanceUpdate { RuntimeStatus = OrchestrationRuntimeStatus.Running },
                    Activities = [new ActivityRequest(id, "exec-" + id, 0, writer, null)],
                },
                Ct);
            return null;
        }
        catch (LeaseLostException e)
        {
            return e;
        }
    }

    private async Task<long> DuplicatePositionsAsync() =>
        await ScalarAsync($"SELECT count(*) - count(DISTINCT (instance_id, position)) FROM \"{Schema.Name}\".history");

    private async Task<long> ActivityCountAsync() => await ScalarAsync($"SELECT count(*) FROM \"{Schema.Name}\".activities");

    private async Task<Dictionary<string, string?>> OwnersAsync()
    {
        await using var connection = new NpgsqlConnection(Schema.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand($"SELECT instance_id, lock_owner FROM \"{Schema.Name}\".instances", connection);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var owners = new Dictionary<string, string?>(StringComparer.Ordinal);
        while (await reader.ReadAsync(Ct))
        {
            owners[reader.GetString(0)] = reader.IsDBNull(1) ? null : reader.GetString(1);
        }

        return owners;
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Schema.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    private Task ExecuteAsync(string sql) => PostgresServer.ExecuteAsync(Schema.ConnectionString, sql, Ct);
}

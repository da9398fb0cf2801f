using System.Diagnostics;
using Nexus.Durable.Storage;
using Nexus.Testing.Postgres;
using Npgsql;
using Shouldly;
using Xunit;

namespace Nexus.Durable.Postgres.Tests;

/// <summary>What only a server store has: the versioned schema migrated by many processes at once, several task hubs
/// (schemas) in one database, and wake-ups across connection pools through LISTEN/NOTIFY.</summary>
public sealed class PostgresSchemaTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EightStoresInitializeAtOnceOnAMissingSchema_EachMigrationIsAppliedOnce()
    {
        var server = await PostgresServer.GetAsync();
        for (var round = 0; round < 3; round++)
        {
            var schema = PostgresServer.NewSchemaName("migrate");
            var stores = Enumerable.Range(0, 8).Select(i => Open(server, schema, $"migrate-{i}")).ToList();
            try
            {
                await Task.WhenAll(stores.Select(s => s.InitializeAsync(Ct).AsTask()));

                (await VersionsAsync(server, schema)).ShouldBe(PostgresSchema.Migrations.Select(m => m.Version));
            }
            finally
            {
                foreach (var store in stores)
                {
                    await store.DisposeAsync();
                }

                await server.DropSchemaAsync(schema, CancellationToken.None);
            }
        }
    }

    [Fact]
    public void Migrations_Versions_AreStrictlyIncreasingFromOne() =>
        PostgresSchema.Migrations.Select(m => m.Version).ShouldBe(Enumerable.Range(1, PostgresSchema.Migrations.Count));

    [Fact]
    public async Task InitializeAsync_SchemaFromANewerBuild_IsRefusedWithTheVersions()
    {
        var server = await PostgresServer.GetAsync();
        await using var schema = await server.CreateSchemaAsync("newer", Ct);
        await using (var first = Open(server, schema.Name, "newer"))
        {
            await first.InitializeAsync(Ct);
        }

        var future = PostgresSchema.LatestVersion + 1;
        await PostgresServer.ExecuteAsync(
            server.ConnectionString, $"INSERT INTO \"{schema.Name}\".schema_version VALUES ({future}, 'from the future', now())", Ct);
        await using var store = Open(server, schema.Name, "older-build");

        var error = await Should.ThrowAsync<InvalidOperationException>(() => store.InitializeAsync(Ct).AsTask());

        error.Message.ShouldContain($"version {future}");
        error.Message.ShouldContain($"({PostgresSchema.LatestVersion})");
    }

    [Fact]
    public async Task InitializeAsync_RunningOrchestrationOfTheOldEngine_RefusedAndNothingChanged()
    {
        var server = await PostgresServer.GetAsync();
        await using var schema = await server.CreateSchemaAsync("oldengine", Ct);
        await using (var first = Open(server, schema.Name, "old"))
        {
            await first.InitializeAsync(Ct);
            await first.CreateInstanceAsync(new NewInstance { InstanceId = "old-running", Name = "ProjectOrchestration", ExecutionId = "e" }, Ct);
        }

        // As the previous build left it: the SDK history step not applied yet.
        await PostgresServer.ExecuteAsync(server.ConnectionString, $"DELETE FROM \"{schema.Name}\".schema_version WHERE version = 2", Ct);
        await using var store = Open(server, schema.Name, "new-build");

        var error = await Should.ThrowAsync<StoreFormatException>(() => store.InitializeAsync(Ct).AsTask());

        error.Message.ShouldContain("1 running orchestration(s) written by NEXUS's previous engine");
        (await VersionsAsync(server, schema.Name)).ShouldBe([1]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Nexus")]
    [InlineData("pg_nexus")]
    [InlineData("a-b")]
    [InlineData("x\"; DROP SCHEMA public; --")]
    [InlineData("a_very_long_schema_name_that_is_longer_than_48_chars")]
    public void Options_InvalidSchemaName_IsRefusedBeforeAnyConnection(string schema)
    {
        var error = Should.Throw<ArgumentException>(() => new PostgresDurableStore(
            new PostgresStoreOptions { ConnectionString = "Host=127.0.0.1;Port=1", Schema = schema }));

        error.ParamName.ShouldBe(nameof(PostgresStoreOptions.Schema));
    }

    [Fact]
    public async Task TwoSchemasInOneDatabase_AreSeparateTaskHubs()
    {
        var server = await PostgresServer.GetAsync();
        await using var schemaA = await server.CreateSchemaAsync("hub_a", Ct);
        await using var schemaB = await server.CreateSchemaAsync("hub_b", Ct);
        await using var hubA = await OpenInitializedAsync(server, schemaA.Name, "hub-a");
        await using var hubB = await OpenInitializedAsync(server, schemaB.Name, "hub-b");

        await hubA.CreateInstanceAsync(new NewInstance { InstanceId = "same-id", Name = "A", ExecutionId = "ea" }, Ct);
        await hubB.CreateInstanceAsync(new NewInstance { InstanceId = "same-id", Name = "B", ExecutionId = "eb" }, Ct);

        (await hubA.GetInstanceAsync("same-id", Ct))!.Name.ShouldBe("A");
        (await hubB.GetInstanceAsync("same-id", Ct))!.Name.ShouldBe("B");
        var lockedByA = await hubA.LockInstancesAsync(new LockRequest("wa", 10, TimeSpan.FromMinutes(1), InstanceKind.Orchestration), Ct);
        lockedByA.Items.ShouldHaveSingleItem().Instance.Name.ShouldBe("A");
        var lockedByB = await hubB.LockInstancesAsync(new LockRequest("wb", 10, TimeSpan.FromMinutes(1), InstanceKind.Orchestration), Ct);
        lockedByB.Items.ShouldHaveSingleItem().Instance.Name.ShouldBe("B", "hub A's lock did not touch hub B's instance");
    }

    [Fact]
    public async Task WorkCommittedByAnotherStore_WakesAnIdleWaiterThroughNotify()
    {
        var server = await PostgresServer.GetAsync();
        await using var schema = await server.CreateSchemaAsync("wake", Ct);
        await using var worker = await OpenInitializedAsync(server, schema.Name, "wake-worker");
        await using var client = await OpenInitializedAsync(server, schema.Name, "wake-client");
        await DrainWakeUpsAsync(worker);

        var waitLimit = TimeSpan.FromSeconds(30);
        var watch = Stopwatch.StartNew();
        var waiting = worker.WaitForWorkAsync(WorkKind.Orchestration, waitLimit, Ct).AsTask();
        await Task.Delay(200, Ct);
        waiting.IsCompleted.ShouldBeFalse("nothing was committed yet");

        await client.CreateInstanceAsync(new NewInstance { InstanceId = "woken", Name = "W", ExecutionId = "ew" }, Ct);
        await waiting.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        watch.Elapsed.ShouldBeLessThan(waitLimit / 2, "the NOTIFY of the other pool ended the wait, not its time limit");
        var batch = await worker.LockInstancesAsync(new LockRequest("w", 10, TimeSpan.FromMinutes(1), InstanceKind.Orchestration), Ct);
        batch.Items.ShouldHaveSingleItem().Instance.InstanceId.ShouldBe("woken");
    }

    [Fact]
    public async Task InstanceChangedByAnotherStore_WakesAStatusWaiterThroughNotify()
    {
        var server = await PostgresServer.GetAsync();
        await using var schema = await server.CreateSchemaAsync("change", Ct);
        await using var reader = await OpenInitializedAsync(server, schema.Name, "change-reader");
        await using var writer = await OpenInitializedAsync(server, schema.Name, "change-writer");
        var waitLimit = TimeSpan.FromSeconds(30);
        var created = reader.WaitForInstanceChangeAsync("watched", waitLimit, Ct).AsTask();
        await writer.CreateInstanceAsync(new NewInstance { InstanceId = "watched", Name = "W", ExecutionId = "ew" }, Ct);
        await created.WaitAsync(TimeSpan.FromSeconds(10), Ct); // the creation's own notification, consumed here

        var watch = Stopwatch.StartNew();
        var waiting = reader.WaitForInstanceChangeAsync("watched", waitLimit, Ct).AsTask();
        await Task.Delay(200, Ct);
        waiting.IsCompleted.ShouldBeFalse("nothing changed yet");
        var workItem = (await writer.LockInstancesAsync(new LockRequest("w", 1, TimeSpan.FromMinutes(1), InstanceKind.Orchestration), Ct)).Items.ShouldHaveSingleItem();
        await writer.CheckpointAsync(
            new OrchestrationCheckpoint
            {
                WorkItem = workItem,
                NewHistory = [.. workItem.Messages.Select(m => m.Event)],
                Update = new InstanceUpdate { RuntimeStatus = OrchestrationRuntimeStatus.Completed, Output = "1" },
            },
            Ct);
        await waiting.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        watch.Elapsed.ShouldBeLessThan(waitLimit / 2, "the NOTIFY of the other pool ended the wait, not its time limit");
        (await reader.GetInstanceAsync("watched", Ct))!.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
    }

    [Fact]
    public async Task ListenerConnectionTerminated_ReconnectsWakesWaitersAndHearsLaterNotifications()
    {
        var server = await PostgresServer.GetAsync();
        await using var schema = await server.CreateSchemaAsync("relisten", Ct);
        await using var worker = await OpenInitializedAsync(server, schema.Name, "relisten-worker", TimeSpan.FromMilliseconds(100));
        await using var client = await OpenInitializedAsync(server, schema.Name, "relisten-client");
        await DrainWakeUpsAsync(worker);
        var listener = worker.Listener.ShouldNotBeNull();
        var first = listener.ProcessId;
        first.ShouldBeGreaterThan(0);

        // A waiter during the outage is woken when the listener is back (it may have missed a notification).
        var waitLimit = TimeSpan.FromSeconds(30);
        var during = worker.WaitForWorkAsync(WorkKind.Orchestration, waitLimit, Ct).AsTask();
        await PostgresServer.ExecuteAsync(server.ConnectionString, $"SELECT pg_terminate_backend({first})", Ct);
        await during.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        var deadline = Stopwatch.StartNew();
        while (listener.Connections < 2 || listener.ProcessId == 0)
        {
            deadline.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10), "the listener did not reconnect");
            await Task.Delay(20, Ct);
        }

        listener.ProcessId.ShouldNotBe(first);
        await DrainWakeUpsAsync(worker);

        var watch = Stopwatch.StartNew();
        var after = worker.WaitForWorkAsync(WorkKind.Orchestration, waitLimit, Ct).AsTask();
        await client.CreateInstanceAsync(new NewInstance { InstanceId = "after-reconnect", Name = "W", ExecutionId = "e" }, Ct);
        await after.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        watch.Elapsed.ShouldBeLessThan(waitLimit / 2, "the new listening connection hears the other pool's NOTIFY");
    }

    private static PostgresDurableStore Open(PostgresServer server, string schema, string application, TimeSpan? reconnectDelay = null) => new(new PostgresStoreOptions
    {
        ConnectionString = server.ConnectionString + ";Application Name=" + application,
        Schema = schema,
        ListenerReconnectDelay = reconnectDelay ?? TimeSpan.FromSeconds(1),
    });

    private static async Task<PostgresDurableStore> OpenInitializedAsync(
        PostgresServer server, string schema, string application, TimeSpan? reconnectDelay = null)
    {
        var store = Open(server, schema, application, reconnectDelay);
        try
        {
            await store.InitializeAsync(Ct);
            return store;
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    // A fresh store may still hold the wake-up of its own start (a listener connecting signals once so nothing committed
    // meanwhile is missed); consume it so the wait below is idle.
    private static async Task DrainWakeUpsAsync(PostgresDurableStore store)
    {
        for (var i = 0; i < 3; i++)
        {
            await store.WaitForWorkAsync(WorkKind.Orchestration, TimeSpan.FromMilliseconds(50), Ct);
        }
    }

    private static async Task<List<int>> VersionsAsync(PostgresServer server, string schema)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand($"SELECT version FROM \"{schema}\".schema_version ORDER BY version", connection);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var versions = new List<int>();
        while (await reader.ReadAsync(Ct))
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
    }
}

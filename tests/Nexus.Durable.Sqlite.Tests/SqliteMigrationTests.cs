using Microsoft.Data.Sqlite;
using Nexus.Durable.Storage;
using Nexus.Durable.Testing;
using Shouldly;
using Xunit;

namespace Nexus.Durable.Sqlite.Tests;

public sealed class SqliteMigrationTests : IDisposable
{
    private readonly TempDatabase _database = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task InitializeAsync_DatabaseAtVersion1_UpgradesToLatest()
    {
        using (var connection = OpenRaw())
        {
            SqliteSchema.Migrate(connection, targetVersion: 1).ShouldBe(1);
            TableExists(connection, "poison").ShouldBeFalse();
        }

        await using var store = new SqliteDurableStore(_database.Options(new ManualTimeProvider()));
        await store.InitializeAsync(Ct);

        using (var connection = OpenRaw())
        {
            SqliteSchema.ReadVersion(connection).ShouldBe(SqliteSchema.LatestVersion);
            SqliteSchema.LatestVersion.ShouldBeGreaterThan(1);
            TableExists(connection, "poison").ShouldBeTrue();
            Count(connection, "schema_version").ShouldBe(SqliteSchema.Migrations.Count);
        }

        (await store.GetPoisonAsync(Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task InitializeAsync_AlreadyMigrated_IsNoOpAndKeepsData()
    {
        var clock = new ManualTimeProvider();
        await using (var first = new SqliteDurableStore(_database.Options(clock)))
        {
            await first.InitializeAsync(Ct);
            await first.InitializeAsync(Ct);
            await first.CreateInstanceAsync(new NewInstance { InstanceId = "a", Name = "N", ExecutionId = "e" }, Ct);
        }

        await using var second = new SqliteDurableStore(_database.Options(clock));
        await second.InitializeAsync(Ct);

        using var connection = OpenRaw();
        Count(connection, "schema_version").ShouldBe(SqliteSchema.Migrations.Count);
        (await second.GetInstanceAsync("a", Ct)).ShouldNotBeNull();
    }

    [Fact]
    public async Task InitializeAsync_TwoStoresOnNewFileAtOnce_BothSucceed()
    {
        var clock = new ManualTimeProvider();
        await using var first = new SqliteDurableStore(_database.Options(clock));
        await using var second = new SqliteDurableStore(_database.Options(clock));

        await Task.WhenAll(
            Task.Run(async () => await first.InitializeAsync(Ct), Ct),
            Task.Run(async () => await second.InitializeAsync(Ct), Ct));

        await first.CreateInstanceAsync(new NewInstance { InstanceId = "from-first", Name = "N", ExecutionId = "e1" }, Ct);
        await second.CreateInstanceAsync(new NewInstance { InstanceId = "from-second", Name = "N", ExecutionId = "e2" }, Ct);
        (await first.GetInstanceAsync("from-second", Ct)).ShouldNotBeNull();
        (await second.GetInstanceAsync("from-first", Ct)).ShouldNotBeNull();
        using var connection = OpenRaw();
        Count(connection, "schema_version").ShouldBe(SqliteSchema.Migrations.Count);
    }

    [Fact]
    public async Task InitializeAsync_RunningOrchestrationOfTheOldEngine_RefusedWithWhatToDoAndNothingChanged()
    {
        using (var connection = OpenRaw())
        {
            SqliteSchema.Migrate(connection, targetVersion: 2).ShouldBe(2);
            InsertInstance(connection, "old-running", status: 1);
            InsertInstance(connection, "old-done", status: 2);
        }

        await using var store = new SqliteDurableStore(_database.Options(new ManualTimeProvider()));
        var error = await Should.ThrowAsync<StoreFormatException>(async () => await store.InitializeAsync(Ct));

        error.Message.ShouldContain("1 running orchestration(s) written by NEXUS's previous engine");
        error.Message.ShouldContain("nexus purge");
        using var after = OpenRaw();
        SqliteSchema.ReadVersion(after).ShouldBe(2);
    }

    [Fact]
    public async Task InitializeAsync_OnlyFinishedOrchestrationsOfTheOldEngine_UpgradesAndKeepsThemReadable()
    {
        using (var connection = OpenRaw())
        {
            SqliteSchema.Migrate(connection, targetVersion: 2);
            InsertInstance(connection, "old-done", status: 2);
        }

        await using var store = new SqliteDurableStore(_database.Options(new ManualTimeProvider()));
        await store.InitializeAsync(Ct);

        (await store.GetInstanceAsync("old-done", Ct))!.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
        using var after = OpenRaw();
        SqliteSchema.ReadVersion(after).ShouldBe(SqliteSchema.LatestVersion);
    }

    [Fact]
    public void Migrations_Versions_AreStrictlyIncreasingFromOne()
    {
        SqliteSchema.Migrations.Select(m => m.Version).ShouldBe(Enumerable.Range(1, SqliteSchema.Migrations.Count));
    }

    private static void InsertInstance(SqliteConnection connection, string id, int status)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO instances (instance_id, kind, name, execution_id, status, created_at, updated_at) VALUES ($id, 0, 'ProjectOrchestration', 'e', $status, 0, 0)";
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$status", status);
        command.ExecuteNonQuery();
    }

    private SqliteConnection OpenRaw()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _database.Path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static bool TableExists(SqliteConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = $name";
        command.Parameters.AddWithValue("$name", table);
        return (long)command.ExecuteScalar()! == 1;
    }

    private static long Count(SqliteConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table}";
        return (long)command.ExecuteScalar()!;
    }
}

using Microsoft.Data.Sqlite;
using Nexus.Durable.Testing;
using Shouldly;
using Xunit;

namespace Nexus.Durable.Sqlite.Tests;

public sealed class SqliteSettingsTests : IDisposable
{
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Theory]
    [InlineData(SqliteDurability.Full, 2L)]
    [InlineData(SqliteDurability.Normal, 1L)]
    public async Task InitializeAsync_Durability_SetsWalAndSynchronous(SqliteDurability durability, long expectedSynchronous)
    {
        var options = _database.Options(new ManualTimeProvider());
        options.Durability = durability;
        await using var store = new SqliteDurableStore(options);
        await store.InitializeAsync(TestContext.Current.CancellationToken);

        var (journalMode, synchronous) = await store.RunOnWriterAsync(connection => (Scalar(connection, "PRAGMA journal_mode"), Scalar(connection, "PRAGMA synchronous")));

        journalMode.ShouldBe("wal");
        synchronous.ShouldBe(expectedSynchronous);
    }

    [Fact]
    public async Task RunOnWriterAsync_LeaseOnlyGroup_CommitsWithoutSync()
    {
        await using var store = new SqliteDurableStore(_database.Options(new ManualTimeProvider()));
        await store.InitializeAsync(TestContext.Current.CancellationToken);

        var leaseOnly = await store.RunOnWriterAsync(connection => Scalar(connection, "PRAGMA synchronous"), requiresSync: false);
        var synced = await store.RunOnWriterAsync(connection => Scalar(connection, "PRAGMA synchronous"), requiresSync: true);

        leaseOnly.ShouldBe(1L);
        synced.ShouldBe(2L);
    }

    [Fact]
    public async Task Commits_ManyInARow_WalCheckpointedInTheBackground()
    {
        await using var store = new SqliteDurableStore(_database.Options(new ManualTimeProvider()));
        await store.InitializeAsync(TestContext.Current.CancellationToken);
        var checkpoint = store.NextCheckpoint;

        for (var i = 0; i < SqliteCheckpointer.CommitsPerCheckpoint + 1; i++)
        {
            await store.CreateInstanceAsync(new Storage.NewInstance { InstanceId = "i" + i, Name = "N", ExecutionId = "e" }, TestContext.Current.CancellationToken);
        }

        await checkpoint.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        var autoCheckpoint = await store.RunOnWriterAsync(connection => Scalar(connection, "PRAGMA wal_autocheckpoint"));
        autoCheckpoint.ShouldBe(0L); // the writer never stalls for a checkpoint
    }

    [Fact]
    public async Task LibraryVersion_IsTheSqliteTheStoreRunsOn()
    {
        await using var store = new SqliteDurableStore(_database.Options(new ManualTimeProvider()));
        await store.InitializeAsync(TestContext.Current.CancellationToken);

        var version = (string)(await store.RunOnWriterAsync(connection => Scalar(connection, "SELECT sqlite_version()"), requiresSync: false))!;

        SqliteDurableStore.LibraryVersion.ShouldStartWith($"SQLite {version} (Microsoft.Data.Sqlite ");
        Version.Parse(version).ShouldBeGreaterThanOrEqualTo(new Version(3, 53)); // the bundle Microsoft.Data.Sqlite 10.0.15 brings
    }

    [Fact]
    public void Constructor_InvalidOptions_Throws()
    {
        Should.Throw<ArgumentException>(() => new SqliteDurableStore(new SqliteStoreOptions()));
        Should.Throw<ArgumentOutOfRangeException>(() => new SqliteDurableStore(new SqliteStoreOptions { DatabasePath = _database.Path, ReadConnections = 0 }));
    }

    [Fact]
    public async Task Operations_BeforeInitialize_Throw()
    {
        await using var store = new SqliteDurableStore(_database.Options(new ManualTimeProvider()));

        await Should.ThrowAsync<InvalidOperationException>(
            () => store.LockActivitiesAsync(new Storage.LockRequest("w", 1, TimeSpan.FromMinutes(1)), TestContext.Current.CancellationToken).AsTask());
    }

    internal static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}

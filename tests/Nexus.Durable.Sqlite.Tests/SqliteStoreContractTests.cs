using Nexus.Durable.Storage;
using Nexus.Durable.StoreContract;
using Nexus.Durable.Testing;

namespace Nexus.Durable.Sqlite.Tests;

/// <summary>The store contract suite against a real SQLite file (one per test).</summary>
public sealed class SqliteStoreContractTests : DurableStoreContractTests
{
    private readonly TempDatabase _database = new();

    protected override ValueTask<IDurableStore> CreateStoreAsync(ManualTimeProvider clock) =>
        ValueTask.FromResult<IDurableStore>(new SqliteDurableStore(_database.Options(clock)));

    protected override async ValueTask DisposeStoreAsync(IDurableStore store)
    {
        await store.DisposeAsync();
        _database.Dispose();
    }
}

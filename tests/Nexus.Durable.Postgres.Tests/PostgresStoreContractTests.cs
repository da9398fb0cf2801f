using Nexus.Durable.Storage;
using Nexus.Durable.StoreContract;
using Nexus.Durable.Testing;
using Nexus.Testing.Postgres;

namespace Nexus.Durable.Postgres.Tests;

/// <summary>The store contract suite against a real PostgreSQL server (a fresh schema per test).</summary>
public sealed class PostgresStoreContractTests : DurableStoreContractTests
{
    private PostgresTestSchema? _schema;

    protected override async ValueTask<IDurableStore> CreateStoreAsync(ManualTimeProvider clock)
    {
        var server = await PostgresServer.GetAsync();
        _schema = await server.CreateSchemaAsync("contract");
        return new PostgresDurableStore(new PostgresStoreOptions { ConnectionString = server.ConnectionString, Schema = _schema.Name, TimeProvider = clock });
    }

    protected override async ValueTask DisposeStoreAsync(IDurableStore store)
    {
        await store.DisposeAsync();
        if (_schema is not null)
        {
            await _schema.DisposeAsync();
        }
    }
}

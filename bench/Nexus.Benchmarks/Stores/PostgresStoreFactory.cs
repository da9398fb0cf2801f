using Nexus.Benchmarks.Engine;
using Nexus.Durable.Postgres;
using Npgsql;

namespace Nexus.Benchmarks.Stores;

/// <summary>A fresh schema on the server named by <c>--connection</c>, dropped after the run (or, in a worker process,
/// the parent's <c>--schema</c>, left to the parent). Commits are durable (the server's <c>synchronous_commit</c>,
/// normally on; <c>--durability</c> does not apply). <c>--notify off</c> turns LISTEN/NOTIFY off.</summary>
internal sealed class PostgresStoreFactory : IStoreFactory
{
    public string Name => "postgres";

    public string DurabilityLabel(EngineBenchOptions options) => "server";

    public ValueTask<BenchStore> CreateAsync(EngineBenchOptions options, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(options.Connection))
        {
            throw new ArgumentException("--store postgres needs --connection \"Host=…;Port=…;Username=…;Database=…\" (scripts/postgres.sh start DIR prints one).");
        }

        var owned = options.Schema is null;
        var schema = options.Schema ?? "bench_" + Guid.NewGuid().ToString("N")[..12];
        var store = new PostgresDurableStore(new PostgresStoreOptions
        {
            ConnectionString = options.Connection,
            Schema = schema,
            ListenForNotifications = options.Notify,
            SendNotifications = options.Notify,
        });
        Func<ValueTask>? drop = owned
            ? async () =>
            {
                await using var connection = new NpgsqlConnection(options.Connection);
                await connection.OpenAsync(cancellationToken);
                await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE", connection);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            : null;
        return ValueTask.FromResult(new BenchStore(store, drop, ["--store", "postgres", "--connection", options.Connection, "--schema", schema]));
    }
}

namespace Nexus.Testing.Postgres;

/// <summary>A database created for one test; disposing it drops the database, closing any connection still open.</summary>
public sealed class PostgresTestDatabase : IAsyncDisposable
{
    private readonly PostgresServer _server;

    internal PostgresTestDatabase(PostgresServer server, string name, string connectionString)
    {
        _server = server;
        Name = name;
        ConnectionString = connectionString;
    }

    /// <summary>The database name.</summary>
    public string Name { get; }

    /// <summary>A connection string to this database.</summary>
    public string ConnectionString { get; }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() =>
        await PostgresServer.ExecuteAsync(_server.ConnectionString, $"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
}

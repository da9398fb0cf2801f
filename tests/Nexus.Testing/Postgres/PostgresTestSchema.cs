namespace Nexus.Testing.Postgres;

/// <summary>A schema created for one test; disposing it drops the schema with everything in it.</summary>
public sealed class PostgresTestSchema : IAsyncDisposable
{
    private readonly PostgresServer _server;

    internal PostgresTestSchema(PostgresServer server, string name)
    {
        _server = server;
        Name = name;
    }

    /// <summary>The schema name (unquoted, lower case).</summary>
    public string Name { get; }

    /// <summary>The server's connection string.</summary>
    public string ConnectionString => _server.ConnectionString;

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await _server.DropSchemaAsync(Name);
}

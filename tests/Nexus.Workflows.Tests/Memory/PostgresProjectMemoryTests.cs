using Nexus.Hosting.Memory;
using Nexus.Testing.Postgres;
using Nexus.Workflows.Memory;
using Shouldly;
using Xunit;

namespace Nexus.Workflows.Tests.Memory;

/// <summary>The shared memory: PostgreSQL full-text search in a schema of its own, on the server the tests share.</summary>
public sealed class PostgresProjectMemoryTests : ProjectMemoryContract
{
    private PostgresServer _server = null!;
    private string _schema = null!;

    protected override async Task<IProjectMemory> CreateAsync()
    {
        _server = await PostgresServer.GetAsync();
        _schema = PostgresServer.NewSchemaName("memory");
        return new PostgresProjectMemory(_server.ConnectionString, _schema);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _server.DropSchemaAsync(_schema, CancellationToken.None);
    }

    [Fact]
    public async Task Tables_AreInTheSchema_WithAGinIndexOnTheSearchVector()
    {
        await Memory.SearchAsync("anything", 1, cancellationToken: Ct);
        await using var connection = new Npgsql.NpgsqlConnection(_server.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new Npgsql.NpgsqlCommand("SELECT indexdef FROM pg_indexes WHERE schemaname = @schema AND indexname = 'memory_entries_search'", connection);
        command.Parameters.AddWithValue("schema", _schema);
        ((string)(await command.ExecuteScalarAsync(Ct))!).ShouldContain("USING gin (search)");
    }

    [Fact]
    public void Constructor_SchemaThatIsNoPlainName_IsRefused() =>
        Should.Throw<ArgumentException>(() => new PostgresProjectMemory("Host=localhost", "x\"; DROP")).Message.ShouldContain("not a valid schema name");
}

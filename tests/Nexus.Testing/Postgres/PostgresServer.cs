using System.Diagnostics;
using Npgsql;

namespace Nexus.Testing.Postgres;

/// <summary>
/// The PostgreSQL server the tests of this process share: the one named by <c>NEXUS_TEST_POSTGRES</c> (a connection
/// string; <c>scripts/test.sh</c> starts a throwaway cluster and sets it), or else a throwaway cluster this process starts
/// with <c>scripts/postgres.sh</c> and stops when it exits — so <c>dotnet test</c> alone works too.
/// </summary>
/// <remarks>Tests isolate themselves with <see cref="CreateSchemaAsync"/> (a unique schema, dropped afterwards) or
/// <see cref="CreateDatabaseAsync"/>. A cluster started here is also stopped by a watcher when this process dies without
/// running its exit handlers (see <c>scripts/postgres.sh --watch</c>).</remarks>
public sealed class PostgresServer
{
    /// <summary>The environment variable that names an existing server (a connection string).</summary>
    public const string EnvironmentVariable = "NEXUS_TEST_POSTGRES";

    private static readonly Lazy<Task<PostgresServer>> _shared = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    private PostgresServer(string connectionString, string? clusterDirectory)
    {
        ConnectionString = connectionString;
        ClusterDirectory = clusterDirectory;
    }

    /// <summary>The connection string of the server (database <c>postgres</c>, superuser).</summary>
    public string ConnectionString { get; }

    /// <summary>The directory of the cluster this process started, or <see langword="null"/> when it uses <c>NEXUS_TEST_POSTGRES</c>.</summary>
    public string? ClusterDirectory { get; }

    /// <summary>The process-wide server, started on first use.</summary>
    public static Task<PostgresServer> GetAsync() => _shared.Value;

    /// <summary>Creates a schema with a unique name (<paramref name="prefix"/> + random suffix); disposing it drops the
    /// schema with everything in it.</summary>
    public async Task<PostgresTestSchema> CreateSchemaAsync(string prefix = "t", CancellationToken cancellationToken = default)
    {
        var name = prefix + "_" + Guid.NewGuid().ToString("N")[..16];
        await ExecuteAsync(ConnectionString, $"CREATE SCHEMA \"{name}\"", cancellationToken);
        return new PostgresTestSchema(this, name);
    }

    /// <summary>A unique schema name that does not exist yet (for tests of schema creation); drop it with
    /// <see cref="DropSchemaAsync"/>.</summary>
    public static string NewSchemaName(string prefix = "t") => prefix + "_" + Guid.NewGuid().ToString("N")[..16];

    /// <summary>Drops a schema (when it exists) with everything in it.</summary>
    public Task DropSchemaAsync(string name, CancellationToken cancellationToken = default) =>
        ExecuteAsync(ConnectionString, $"DROP SCHEMA IF EXISTS \"{name}\" CASCADE", cancellationToken);

    /// <summary>Creates a database with a unique name; disposing it drops the database (closing its connections).</summary>
    public async Task<PostgresTestDatabase> CreateDatabaseAsync(CancellationToken cancellationToken = default)
    {
        var name = "nexus_test_" + Guid.NewGuid().ToString("N")[..16];
        await ExecuteAsync(ConnectionString, $"CREATE DATABASE \"{name}\"", cancellationToken);
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name };
        return new PostgresTestDatabase(this, name, builder.ConnectionString);
    }

    /// <summary>Runs one statement on the server's <c>postgres</c> database (or another connection string).</summary>
    public static async Task ExecuteAsync(string connectionString, string sql, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<PostgresServer> StartAsync()
    {
        var given = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(given))
        {
            return new PostgresServer(given.Trim(), null);
        }

        var script = Path.Combine(RepositoryRoot.Find(), "scripts", "postgres.sh");
        var directory = Path.Combine(Path.GetTempPath(), "nexus-pg-test-" + Guid.NewGuid().ToString("N")[..12]);
        var (exitCode, output, error) = await RunScriptAsync(script, "start", directory, "--watch", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var connectionString = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        if (exitCode != 0 || string.IsNullOrEmpty(connectionString))
        {
            throw new InvalidOperationException($"scripts/postgres.sh start failed (exit {exitCode}): {error.Trim()}");
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => RunScriptAsync(script, "stop", directory).GetAwaiter().GetResult();
        return new PostgresServer(connectionString, directory);
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunScriptAsync(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start bash.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }
}

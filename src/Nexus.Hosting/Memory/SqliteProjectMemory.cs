using System.Globalization;
using Microsoft.Data.Sqlite;
using Nexus.Workflows.Memory;

namespace Nexus.Hosting.Memory;

/// <summary>The memory across projects in a SQLite file of its own (<see cref="NexusOptions.MemoryDatabasePath"/>): the
/// entries in an FTS5 table (porter stemming, ranked by bm25 with the title weighted twice the text) and the
/// conversations in a plain table.</summary>
/// <remarks>Its own file, so that the durable store's single writer is never held up by a search. FTS5 is compiled into
/// the <c>e_sqlite3</c> library Microsoft.Data.Sqlite ships (SQLitePCLRaw's bundle). WAL mode: the CLI may search while
/// a host writes.</remarks>
public sealed class SqliteProjectMemory : IProjectMemory
{
    private readonly string _connectionString;
    private bool _initialized;

    /// <summary>A memory in the file <paramref name="path"/> (created with its folder on first use).</summary>
    public SqliteProjectMemory(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path, Mode = SqliteOpenMode.ReadWriteCreate, DefaultTimeout = 30 }.ToString();
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <inheritdoc/>
    public string Description => $"SQLite FTS5 ({Path})";

    /// <inheritdoc/>
    public async ValueTask<int> RememberAsync(
        string projectId, IReadOnlyList<MemoryEntry> entries, IReadOnlyList<ConversationTurn> conversation, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(projectId);
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(conversation);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await DeleteAsync(connection, transaction, projectId, cancellationToken).ConfigureAwait(false);
        await MemoryRows.InsertEntriesAsync(
            connection, transaction, "INSERT INTO entries (project_id, kind, title, text, created) VALUES (@project, @kind, @title, @text, @created)",
            projectId, entries, created => created.ToString("O", CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
        await MemoryRows.InsertTurnsAsync(
            connection, transaction, "INSERT OR REPLACE INTO conversations (project_id, agent, turn, role, summary) VALUES (@project, @agent, @turn, @role, @summary)",
            projectId, conversation, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return entries.Count;
    }

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<MemoryHit>> SearchAsync(string query, int limit, string? excludeProjectId = null, CancellationToken cancellationToken = default)
    {
        var terms = MemoryQuery.Terms(query);
        if (terms.Count == 0 || limit <= 0)
        {
            return [];
        }

        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        // Each word quoted (no FTS5 syntax from the caller), any of them may match; bm25: lower is better.
        await using var search = Command(connection, null,
            """
            SELECT project_id, kind, title, text, created, bm25(entries, 0, 0, 2.0, 1.0, 0) AS rank
            FROM entries
            WHERE entries MATCH $match AND ($exclude IS NULL OR project_id <> $exclude)
            ORDER BY rank, created DESC
            LIMIT $limit
            """);
        search.Parameters.AddWithValue("$match", string.Join(" OR ", terms.Select(t => $"\"{t}\"")));
        search.Parameters.AddWithValue("$exclude", (object?)excludeProjectId ?? DBNull.Value);
        search.Parameters.AddWithValue("$limit", limit);
        return await MemoryRows.ReadHitsAsync(
            search,
            row => DateTimeOffset.Parse(row.GetString(4), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            row => -row.GetDouble(5), // bm25: lower is better
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<ConversationTurn>> ConversationAsync(string projectId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await MemoryRows.ReadTurnsAsync(
            connection, "SELECT agent, turn, role, summary FROM conversations WHERE project_id = @project ORDER BY agent, turn, role DESC", projectId, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask<int> ForgetAsync(string projectId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(projectId);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var removed = await DeleteAsync(connection, transaction, projectId, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return removed;
    }

    private static Task<int> DeleteAsync(SqliteConnection connection, SqliteTransaction transaction, string projectId, CancellationToken cancellationToken) =>
        MemoryRows.DeleteAsync(
            connection, transaction, projectId, ["DELETE FROM entries WHERE project_id = @project", "DELETE FROM conversations WHERE project_id = @project"], cancellationToken);

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    private async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _initialized))
        {
            return;
        }

        // Idempotent (IF NOT EXISTS), so threads that get here together may all run it.
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var create = Command(connection, null,
            """
            PRAGMA journal_mode = WAL;
            CREATE VIRTUAL TABLE IF NOT EXISTS entries USING fts5(
                project_id UNINDEXED, kind UNINDEXED, title, text, created UNINDEXED, tokenize = 'porter unicode61');
            CREATE TABLE IF NOT EXISTS conversations (
                project_id TEXT NOT NULL, agent TEXT NOT NULL, turn INTEGER NOT NULL, role TEXT NOT NULL, summary TEXT NOT NULL,
                PRIMARY KEY (project_id, agent, turn, role));
            """);
        await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _initialized, true);
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql) =>
        new(sql, connection, transaction);
}

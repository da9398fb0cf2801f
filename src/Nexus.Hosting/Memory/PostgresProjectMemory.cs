using System.Text.RegularExpressions;
using Npgsql;
using NpgsqlTypes;
using Nexus.Workflows.Memory;

namespace Nexus.Hosting.Memory;

/// <summary>The memory across projects in the shared PostgreSQL database, in the task hub's schema: table
/// <c>memory_entries</c> with a generated <c>tsvector</c> (English configuration, title weighted A, text B) under a GIN
/// index, ranked by <c>ts_rank</c>; table <c>memory_conversations</c>.</summary>
/// <remarks>The tables are created on first use under a transaction-level advisory lock, so workers that start together
/// do not race on the <c>CREATE</c>s.</remarks>
public sealed partial class PostgresProjectMemory : IProjectMemory, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _schema;
    private readonly string _schemaName;
    private bool _initialized;

    /// <summary>A memory in <paramref name="schema"/> of the database <paramref name="connectionString"/> names.</summary>
    /// <exception cref="ArgumentException">The schema is not a plain identifier.</exception>
    public PostgresProjectMemory(string connectionString, string schema)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        if (string.IsNullOrEmpty(schema) || !PlainIdentifier().IsMatch(schema))
        {
            throw new ArgumentException($"'{schema}' is not a valid schema name: use letters, digits and underscores (at most 63, not starting with a digit).", nameof(schema));
        }

        _schemaName = schema;
        _schema = $"\"{schema}\"";
        _dataSource = NpgsqlDataSource.Create(connectionString);
    }

    /// <inheritdoc/>
    public string Description => $"PostgreSQL full-text search (schema {_schemaName})";

    /// <inheritdoc/>
    public async ValueTask<int> RememberAsync(
        string projectId, IReadOnlyList<MemoryEntry> entries, IReadOnlyList<ConversationTurn> conversation, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(projectId);
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(conversation);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await DeleteAsync(connection, transaction, projectId, cancellationToken).ConfigureAwait(false);
        await MemoryRows.InsertEntriesAsync(
            connection, transaction, $"INSERT INTO {_schema}.memory_entries (project_id, kind, title, text, created) VALUES (@project, @kind, @title, @text, @created)",
            projectId, entries, created => created, cancellationToken).ConfigureAwait(false);
        await MemoryRows.InsertTurnsAsync(
            connection,
            transaction,
            $"""
            INSERT INTO {_schema}.memory_conversations (project_id, agent, turn, role, summary) VALUES (@project, @agent, @turn, @role, @summary)
            ON CONFLICT (project_id, agent, turn, role) DO UPDATE SET summary = EXCLUDED.summary
            """,
            projectId,
            conversation,
            cancellationToken).ConfigureAwait(false);
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
        // Any of the words (each a plain lexeme, no tsquery syntax from the caller); stop words drop out of the query.
        await using var search = new NpgsqlCommand(
            $"""
            SELECT project_id, kind, title, text, created, ts_rank(search, q) AS rank
            FROM {_schema}.memory_entries, to_tsquery('english', @query) AS q
            WHERE search @@ q AND (@exclude::text IS NULL OR project_id <> @exclude::text)
            ORDER BY rank DESC, created DESC
            LIMIT @limit
            """,
            connection);
        search.Parameters.AddWithValue("query", string.Join(" | ", terms));
        search.Parameters.Add(new NpgsqlParameter("exclude", NpgsqlDbType.Text) { Value = (object?)excludeProjectId ?? DBNull.Value });
        search.Parameters.AddWithValue("limit", limit);
        return await MemoryRows.ReadHitsAsync(
            search, row => new DateTimeOffset(DateTime.SpecifyKind(row.GetDateTime(4), DateTimeKind.Utc)), row => row.GetFloat(5), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<ConversationTurn>> ConversationAsync(string projectId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await MemoryRows.ReadTurnsAsync(
            connection, $"SELECT agent, turn, role, summary FROM {_schema}.memory_conversations WHERE project_id = @project ORDER BY agent, turn, role DESC", projectId, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask<int> ForgetAsync(string projectId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(projectId);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var removed = await DeleteAsync(connection, transaction, projectId, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return removed;
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private Task<int> DeleteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string projectId, CancellationToken cancellationToken) =>
        MemoryRows.DeleteAsync(
            connection,
            transaction,
            projectId,
            [$"DELETE FROM {_schema}.memory_entries WHERE project_id = @project", $"DELETE FROM {_schema}.memory_conversations WHERE project_id = @project"],
            cancellationToken);

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        return await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _initialized))
        {
            return;
        }

        // Idempotent (IF NOT EXISTS, under an advisory lock), so threads that get here together may all run it.
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var create = new NpgsqlCommand(
            $"""
            SELECT pg_advisory_xact_lock(hashtext(@lockName));
            CREATE SCHEMA IF NOT EXISTS {_schema};
            CREATE TABLE IF NOT EXISTS {_schema}.memory_entries (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                project_id text NOT NULL,
                kind text NOT NULL,
                title text NOT NULL,
                text text NOT NULL,
                created timestamptz NOT NULL,
                search tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', text), 'B')) STORED);
            CREATE INDEX IF NOT EXISTS memory_entries_search ON {_schema}.memory_entries USING GIN (search);
            CREATE INDEX IF NOT EXISTS memory_entries_project ON {_schema}.memory_entries (project_id);
            CREATE TABLE IF NOT EXISTS {_schema}.memory_conversations (
                project_id text NOT NULL,
                agent text NOT NULL,
                turn integer NOT NULL,
                role text NOT NULL,
                summary text NOT NULL,
                PRIMARY KEY (project_id, agent, turn, role));
            """,
            connection, transaction);
        create.Parameters.AddWithValue("lockName", $"nexus.memory:{_schemaName}");
        await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _initialized, true);
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,62}$")]
    private static partial Regex PlainIdentifier();
}

using System.Globalization;
using Microsoft.Data.Sqlite;
using Nexus.Workflows.Hosting;
using Nexus.Hosting;
using Nexus.Api.Intake;

namespace Nexus.Server.Queue;

/// <summary>The submission queue and the idempotency keys in one SQLite file, <c>{data}/submissions.db</c> (WAL), apart
/// from the engine's store so the engine's schema stays its own.</summary>
/// <remarks>Every statement is plain SQL that PostgreSQL also runs (<c>INSERT … ON CONFLICT DO NOTHING</c>,
/// <c>UPDATE … RETURNING</c>); see <see cref="ISubmissionQueue"/> for what a PostgreSQL version adds.</remarks>
internal sealed class SqliteSubmissionStore : ISubmissionQueue, IIdempotencyStore, IDisposable
{
    private const string Columns = "message_id, state, priority, attempts, project_id, reason, enqueued_at, processed_at, processed_order";

    private readonly string _connectionString;
    private readonly TimeProvider _time;
    private readonly Lock _initGate = new();
    private readonly SemaphoreSlim _arrivals = new(0, int.MaxValue);
    private bool _initialized;

    public SqliteSubmissionStore(NexusOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Directory.CreateDirectory(options.DataPath);
        DatabasePath = Path.Combine(options.DataPath, "submissions.db");
        _connectionString = new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = true }.ToString();
        _time = options.TimeProvider;
    }

    /// <summary>The database file.</summary>
    public string DatabasePath { get; }

    public async ValueTask<bool> EnqueueAsync(string messageId, int priority, string body, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO submissions (message_id, seq, priority, body, state, attempts, enqueued_at)
            VALUES ($id, (SELECT COALESCE(MAX(seq), 0) + 1 FROM submissions), $priority, $body, 'queued', 0, $now)
            ON CONFLICT (message_id) DO NOTHING
            """;
        command.Parameters.AddWithValue("$id", messageId);
        command.Parameters.AddWithValue("$priority", priority);
        command.Parameters.AddWithValue("$body", body);
        command.Parameters.AddWithValue("$now", Now());
        var added = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        if (added)
        {
            _arrivals.Release();
        }

        return added;
    }

    public async ValueTask<QueuedSubmission?> TryDequeueAsync(TimeSpan lease, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE submissions SET state = 'processing', attempts = attempts + 1, lease_until = $until, lease_token = $token
            WHERE message_id = (
                SELECT message_id FROM submissions
                WHERE (state = 'queued' AND (lease_until IS NULL OR lease_until <= $now))
                   OR (state = 'processing' AND lease_until <= $now)
                ORDER BY priority DESC, seq
                LIMIT 1)
            RETURNING message_id, priority, body, attempts, project_id, lease_token
            """;
        var now = _time.GetUtcNow();
        command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$until", (now + lease).ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$token", Guid.NewGuid().ToString("N"));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new QueuedSubmission(
            reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetInt32(3), reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetString(5));
    }

    public ValueTask<bool> AssignProjectAsync(QueuedSubmission message, string projectId, CancellationToken cancellationToken = default) =>
        UpdateLeasedAsync(message, "project_id = $project", cancellationToken, ("$project", projectId));

    public ValueTask<bool> CompleteAsync(QueuedSubmission message, string projectId, CancellationToken cancellationToken = default) =>
        UpdateLeasedAsync(
            message,
            "state = 'completed', project_id = $project, lease_until = NULL, lease_token = NULL, processed_at = $now, " +
            "processed_order = (SELECT COALESCE(MAX(processed_order), 0) + 1 FROM submissions)",
            cancellationToken,
            ("$project", projectId),
            ("$now", Now()));

    public ValueTask<bool> ReleaseAsync(QueuedSubmission message, TimeSpan delay, string error, CancellationToken cancellationToken = default) =>
        UpdateLeasedAsync(
            message,
            "state = 'queued', lease_until = $until, lease_token = NULL, reason = $reason",
            cancellationToken,
            ("$until", (_time.GetUtcNow() + delay).ToUnixTimeMilliseconds()),
            ("$reason", error));

    public ValueTask<bool> ParkAsync(QueuedSubmission message, string reason, CancellationToken cancellationToken = default) =>
        UpdateLeasedAsync(
            message,
            "state = 'dead', reason = $reason, lease_until = NULL, lease_token = NULL, processed_at = $now, " +
            "processed_order = (SELECT COALESCE(MAX(processed_order), 0) + 1 FROM submissions)",
            cancellationToken,
            ("$reason", reason),
            ("$now", Now()));

    public async ValueTask<SubmissionRecord?> GetAsync(string messageId, CancellationToken cancellationToken = default)
    {
        var rows = await QueryAsync($"SELECT {Columns} FROM submissions WHERE message_id = $id", cancellationToken, ("$id", messageId)).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public async ValueTask<IReadOnlyList<SubmissionRecord>> GetDeadLettersAsync(CancellationToken cancellationToken = default) =>
        await QueryAsync($"SELECT {Columns} FROM submissions WHERE state = 'dead' ORDER BY processed_order", cancellationToken).ConfigureAwait(false);

    public async ValueTask WaitForMessagesAsync(TimeSpan maxWait, CancellationToken cancellationToken = default)
    {
        using var timeout = new CancellationTokenSource(maxWait, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            await _arrivals.WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The poll interval passed; the caller polls.
        }
    }

    public async ValueTask<IdempotencyRecord> GetOrAddAsync(string key, string projectId, string requestHash, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (var insert = connection.CreateCommand())
        {
            insert.CommandText = """
                INSERT INTO idempotency_keys (key, project_id, request_hash, created_at) VALUES ($key, $project, $hash, $now)
                ON CONFLICT (key) DO NOTHING
                """;
            insert.Parameters.AddWithValue("$key", key);
            insert.Parameters.AddWithValue("$project", projectId);
            insert.Parameters.AddWithValue("$hash", requestHash);
            insert.Parameters.AddWithValue("$now", Now());
            if (await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
            {
                return new IdempotencyRecord(key, projectId, requestHash, Created: true);
            }
        }

        await using var select = connection.CreateCommand();
        select.CommandText = "SELECT project_id, request_hash FROM idempotency_keys WHERE key = $key";
        select.Parameters.AddWithValue("$key", key);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException("An idempotency key vanished between insert and read.");
        }

        return new IdempotencyRecord(key, reader.GetString(0), reader.GetString(1), Created: false);
    }

    public async ValueTask RemoveAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM idempotency_keys WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<bool> UpdateLeasedAsync(
        QueuedSubmission message, string assignments, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(message);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"UPDATE submissions SET {assignments} WHERE message_id = $id AND lease_token = $token AND state = 'processing'";
        command.Parameters.AddWithValue("$id", message.MessageId);
        command.Parameters.AddWithValue("$token", message.LeaseToken);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    private async Task<List<SubmissionRecord>> QueryAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var rows = new List<SubmissionRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new SubmissionRecord
            {
                MessageId = reader.GetString(0),
                State = reader.GetString(1),
                Priority = reader.GetInt32(2),
                Attempts = reader.GetInt32(3),
                ProjectId = reader.IsDBNull(4) ? null : reader.GetString(4),
                Reason = reader.IsDBNull(5) ? null : reader.GetString(5),
                EnqueuedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)),
                ProcessedAt = reader.IsDBNull(7) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)),
                ProcessedOrder = reader.IsDBNull(8) ? null : reader.GetInt64(8),
            });
        }

        return rows;
    }

    public void Dispose() => _arrivals.Dispose();

    private long Now() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        EnsureInitialized();
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA busy_timeout = 5000;";
        await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    private void EnsureInitialized()
    {
        lock (_initGate)
        {
            if (_initialized)
            {
                return;
            }

            using var connection = new SqliteConnection(_connectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                PRAGMA busy_timeout = 5000;
                PRAGMA journal_mode = WAL;
                CREATE TABLE IF NOT EXISTS submissions (
                    message_id TEXT NOT NULL PRIMARY KEY,
                    seq INTEGER NOT NULL,
                    priority INTEGER NOT NULL,
                    body TEXT NOT NULL,
                    state TEXT NOT NULL,
                    attempts INTEGER NOT NULL,
                    lease_until INTEGER NULL,
                    lease_token TEXT NULL,
                    project_id TEXT NULL,
                    reason TEXT NULL,
                    enqueued_at INTEGER NOT NULL,
                    processed_at INTEGER NULL,
                    processed_order INTEGER NULL);
                CREATE INDEX IF NOT EXISTS ix_submissions_ready ON submissions (state, priority DESC, seq);
                CREATE TABLE IF NOT EXISTS idempotency_keys (
                    key TEXT NOT NULL PRIMARY KEY,
                    project_id TEXT NOT NULL,
                    request_hash TEXT NOT NULL,
                    created_at INTEGER NOT NULL);
                """;
            command.ExecuteNonQuery();
            _initialized = true;
        }
    }
}

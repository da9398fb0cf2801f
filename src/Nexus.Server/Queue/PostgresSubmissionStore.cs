using Npgsql;
using Nexus.Workflows.Hosting;
using Nexus.Hosting;
using Nexus.Api.Intake;

namespace Nexus.Server.Queue;

/// <summary>The submission queue and the idempotency keys in the cluster's PostgreSQL database, in the task hub's schema
/// (tables <c>submissions</c> and <c>idempotency_keys</c>), so every host of a cluster consumes one queue.</summary>
/// <remarks>The dequeue takes the next ready row with <c>FOR UPDATE SKIP LOCKED</c>, so consumers in many processes never
/// block on or take the same message; an enqueue sends <c>NOTIFY</c> on <see cref="Channel"/>, which wakes idle consumers
/// in every process (polling remains the fallback when the listening connection is down).</remarks>
internal sealed class PostgresSubmissionStore : ISubmissionQueue, IIdempotencyStore, IAsyncDisposable
{
    private const string Columns = "message_id, state, priority, attempts, project_id, reason, enqueued_at, processed_at, processed_order";

    private int _disposed;
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _schema;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _initGate = new(1, 1);
    private readonly SemaphoreSlim _listenGate = new(1, 1);
    private readonly CancellationTokenSource _disposing = new();
    private NpgsqlConnection? _listener;
    private bool _initialized;

    public PostgresSubmissionStore(NexusOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Connection))
        {
            throw new ArgumentException("The postgres submission queue needs a connection string.", nameof(options));
        }

        _schema = PostgresIdentifier.Quote(options.Schema);
        _time = options.TimeProvider;
        _dataSource = NpgsqlDataSource.Create(options.Connection);
        Channel = $"{options.Schema}_submissions";
    }

    /// <summary>The notification channel of new messages.</summary>
    public string Channel { get; }

    public async ValueTask<bool> EnqueueAsync(string messageId, int priority, string body, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            $"""
            WITH added AS (
                INSERT INTO {_schema}.submissions (message_id, priority, body, state, attempts, enqueued_at)
                VALUES (@id, @priority, @body, 'queued', 0, @now)
                ON CONFLICT (message_id) DO NOTHING
                RETURNING 1)
            SELECT count(*) FROM added CROSS JOIN LATERAL pg_notify(@channel, '') AS notified
            """,
            connection);
        command.Parameters.AddWithValue("id", messageId);
        command.Parameters.AddWithValue("priority", priority);
        command.Parameters.AddWithValue("body", body);
        command.Parameters.AddWithValue("now", Now());
        command.Parameters.AddWithValue("channel", Channel);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! == 1;
    }

    public async ValueTask<QueuedSubmission?> TryDequeueAsync(TimeSpan lease, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            $"""
            UPDATE {_schema}.submissions SET state = 'processing', attempts = attempts + 1, lease_until = @until, lease_token = @token
            WHERE message_id = (
                SELECT message_id FROM {_schema}.submissions
                WHERE (state = 'queued' AND (lease_until IS NULL OR lease_until <= @now))
                   OR (state = 'processing' AND lease_until <= @now)
                ORDER BY priority DESC, seq
                LIMIT 1
                FOR UPDATE SKIP LOCKED)
            RETURNING message_id, priority, body, attempts, project_id, lease_token
            """,
            connection);
        var now = _time.GetUtcNow();
        command.Parameters.AddWithValue("now", now.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("until", (now + lease).ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("token", Guid.NewGuid().ToString("N"));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new QueuedSubmission(
            reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetInt32(3), reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetString(5));
    }

    public ValueTask<bool> AssignProjectAsync(QueuedSubmission message, string projectId, CancellationToken cancellationToken = default) =>
        UpdateLeasedAsync(message, "project_id = @project", cancellationToken, ("project", projectId));

    public ValueTask<bool> CompleteAsync(QueuedSubmission message, string projectId, CancellationToken cancellationToken = default) =>
        UpdateLeasedAsync(
            message,
            $"state = 'completed', project_id = @project, lease_until = NULL, lease_token = NULL, processed_at = @now, " +
            $"processed_order = nextval('{_schema}.submissions_processed_order')",
            cancellationToken,
            ("project", projectId),
            ("now", Now()));

    public ValueTask<bool> ReleaseAsync(QueuedSubmission message, TimeSpan delay, string error, CancellationToken cancellationToken = default) =>
        UpdateLeasedAsync(
            message,
            "state = 'queued', lease_until = @until, lease_token = NULL, reason = @reason",
            cancellationToken,
            ("until", (_time.GetUtcNow() + delay).ToUnixTimeMilliseconds()),
            ("reason", error));

    public ValueTask<bool> ParkAsync(QueuedSubmission message, string reason, CancellationToken cancellationToken = default) =>
        UpdateLeasedAsync(
            message,
            $"state = 'dead', reason = @reason, lease_until = NULL, lease_token = NULL, processed_at = @now, " +
            $"processed_order = nextval('{_schema}.submissions_processed_order')",
            cancellationToken,
            ("reason", reason),
            ("now", Now()));

    public async ValueTask<SubmissionRecord?> GetAsync(string messageId, CancellationToken cancellationToken = default)
    {
        var rows = await QueryAsync($"SELECT {Columns} FROM {_schema}.submissions WHERE message_id = @id", cancellationToken, ("id", messageId)).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public async ValueTask<IReadOnlyList<SubmissionRecord>> GetDeadLettersAsync(CancellationToken cancellationToken = default) =>
        await QueryAsync($"SELECT {Columns} FROM {_schema}.submissions WHERE state = 'dead' ORDER BY processed_order", cancellationToken).ConfigureAwait(false);

    public async ValueTask WaitForMessagesAsync(TimeSpan maxWait, CancellationToken cancellationToken = default)
    {
        // One consumer waits at a time; a second caller just polls after its own wait.
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposing.Token);
        cancellationToken = linked.Token;
        if (!await _listenGate.WaitAsync(maxWait, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        try
        {
            _listener ??= await OpenListenerAsync(cancellationToken).ConfigureAwait(false);
            if (maxWait > TimeSpan.Zero) // Npgsql reads a zero timeout as "wait forever"
            {
                await _listener.WaitAsync(maxWait, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            await DropListenerAsync().ConfigureAwait(false); // a cancelled wait leaves the connection in an unknown state
            throw;
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or IOException)
        {
            // The listening connection broke: drop it (the next wait reconnects) and fall back to a plain poll delay.
            await DropListenerAsync().ConfigureAwait(false);
            await Task.Delay(maxWait, _time, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _listenGate.Release();
        }
    }

    public async ValueTask<IdempotencyRecord> GetOrAddAsync(string key, string projectId, string requestHash, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            $"""
            WITH added AS (
                INSERT INTO {_schema}.idempotency_keys (key, project_id, request_hash, created_at) VALUES (@key, @project, @hash, @now)
                ON CONFLICT (key) DO NOTHING
                RETURNING project_id, request_hash, true AS created)
            SELECT project_id, request_hash, created FROM added
            UNION ALL
            SELECT project_id, request_hash, false FROM {_schema}.idempotency_keys WHERE key = @key AND NOT EXISTS (SELECT 1 FROM added)
            """,
            connection);
        command.Parameters.AddWithValue("key", key);
        command.Parameters.AddWithValue("project", projectId);
        command.Parameters.AddWithValue("hash", requestHash);
        command.Parameters.AddWithValue("now", Now());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            // Another request inserted the key after this statement's snapshot: read it again.
            await reader.DisposeAsync().ConfigureAwait(false);
            return await GetOrAddAsync(key, projectId, requestHash, cancellationToken).ConfigureAwait(false);
        }

        return new IdempotencyRecord(key, reader.GetString(0), reader.GetString(1), Created: reader.GetBoolean(2));
    }

    public async ValueTask RemoveAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"DELETE FROM {_schema}.idempotency_keys WHERE key = @key", connection);
        command.Parameters.AddWithValue("key", key);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        // The host's container owns this store under two services (the queue and the idempotency store): once is enough.
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Ends a wait in progress, then closes its connection once the wait has let go of it.
        await _disposing.CancelAsync().ConfigureAwait(false);
        await _listenGate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        await DropListenerAsync().ConfigureAwait(false);
        _disposing.Dispose();
        await _dataSource.DisposeAsync().ConfigureAwait(false);
        _initGate.Dispose();
        _listenGate.Dispose();
    }

    private async ValueTask<bool> UpdateLeasedAsync(
        QueuedSubmission message, string assignments, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(message);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            $"UPDATE {_schema}.submissions SET {assignments} WHERE message_id = @id AND lease_token = @token AND state = 'processing'", connection);
        command.Parameters.AddWithValue("id", message.MessageId);
        command.Parameters.AddWithValue("token", message.LeaseToken);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    private async Task<List<SubmissionRecord>> QueryAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
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

    private long Now() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        return await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<NpgsqlConnection> OpenListenerAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var listen = new NpgsqlCommand($"LISTEN {PostgresIdentifier.Quote(Channel)}", connection);
            await listen.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async ValueTask DropListenerAsync()
    {
        if (_listener is { } listener)
        {
            _listener = null;
            await listener.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task EnsureInitializedAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _initialized))
        {
            return;
        }

        await _initGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_initialized)
            {
                return;
            }

            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            // Hosts of a cluster start together: the advisory lock makes the CREATEs run one after another.
            await using var command = new NpgsqlCommand(
                $"""
                SELECT pg_advisory_xact_lock(hashtext(@lockName));
                CREATE SCHEMA IF NOT EXISTS {_schema};
                CREATE TABLE IF NOT EXISTS {_schema}.submissions (
                    message_id text NOT NULL PRIMARY KEY,
                    seq bigint GENERATED ALWAYS AS IDENTITY,
                    priority integer NOT NULL,
                    body text NOT NULL,
                    state text NOT NULL,
                    attempts integer NOT NULL,
                    lease_until bigint NULL,
                    lease_token text NULL,
                    project_id text NULL,
                    reason text NULL,
                    enqueued_at bigint NOT NULL,
                    processed_at bigint NULL,
                    processed_order bigint NULL);
                CREATE INDEX IF NOT EXISTS ix_submissions_ready ON {_schema}.submissions (priority DESC, seq) WHERE state IN ('queued', 'processing');
                CREATE SEQUENCE IF NOT EXISTS {_schema}.submissions_processed_order;
                CREATE TABLE IF NOT EXISTS {_schema}.idempotency_keys (
                    key text NOT NULL PRIMARY KEY,
                    project_id text NOT NULL,
                    request_hash text NOT NULL,
                    created_at bigint NOT NULL);
                """,
                connection,
                transaction);
            command.Parameters.AddWithValue("lockName", $"nexus-submissions:{_schema}");
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _initialized, true);
        }
        finally
        {
            _initGate.Release();
        }
    }
}

using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Nexus.Durable.Storage;
using Npgsql;

namespace Nexus.Durable.Postgres;

/// <summary>The versioned schema: an ordered list of migrations, applied by <see cref="MigrateAsync"/> in one transaction
/// that holds a transaction-level advisory lock keyed on the schema name, so processes starting at once apply each
/// migration exactly once (the others wait, then find nothing to do) and task hubs in other schemas are not blocked.</summary>
/// <remarks>
/// Times are UTC ticks (bigint) from the store's clock. Unlocked rows have <c>lock_expiry = 0</c>, so "unlocked or
/// expired" is one range. Instance ids use the "C" collation: ordinal order and prefix matching, as the contract wants.
/// History keeps only the current execution (continue-as-new replaces it), so its key (instance, position) is the
/// (instance, execution, position) key: a second writer for the same position fails on it. Never edit a released
/// migration: append a new one.
/// </remarks>
internal static class PostgresSchema
{
    private const string EventColumns =
        "kind integer NOT NULL, task_id integer NOT NULL, ts bigint NOT NULL, name text, data text, data_hash bytea, " +
        "failure text, ref_instance_id text, execution_id text, fire_at bigint, parent_instance_id text, " +
        "parent_execution_id text, parent_task_id integer, request_id text";

    internal static readonly IReadOnlyList<PostgresMigration> Migrations =
    [
        new(1, "instances, inbox, history, activities, payloads, poison; next-work indexes; lease_lost guard", $$"""
            CREATE TABLE {s}.instances (
                instance_id text COLLATE "C" NOT NULL PRIMARY KEY,
                kind integer NOT NULL,
                name text NOT NULL,
                execution_id text,
                status integer NOT NULL,
                input text, input_hash bytea,
                output text, output_hash bytea,
                custom_status text, custom_status_hash bytea,
                failure text,
                created_at bigint NOT NULL,
                updated_at bigint NOT NULL,
                completed_at bigint,
                parent_instance_id text, parent_execution_id text, parent_task_id integer,
                lock_owner text,
                lock_expiry bigint NOT NULL DEFAULT 0,
                dequeue_count integer NOT NULL DEFAULT 0,
                last_error text,
                history_count integer NOT NULL DEFAULT 0)
                WITH (fillfactor = 70);
            CREATE TABLE {s}.inbox (
                seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                instance_id text COLLATE "C" NOT NULL,
                instance_kind integer NOT NULL,
                target_execution_id text,
                visible_at bigint NOT NULL,
                {{EventColumns}});
            CREATE TABLE {s}.history (
                instance_id text COLLATE "C" NOT NULL,
                position integer NOT NULL,
                {{EventColumns}},
                CONSTRAINT history_position_key PRIMARY KEY (instance_id, position));
            CREATE TABLE {s}.activities (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                instance_id text COLLATE "C" NOT NULL,
                execution_id text NOT NULL,
                task_id integer NOT NULL,
                name text NOT NULL,
                input text, input_hash bytea,
                lock_owner text,
                lock_expiry bigint NOT NULL DEFAULT 0,
                dequeue_count integer NOT NULL DEFAULT 0,
                last_error text,
                created_at bigint NOT NULL)
                WITH (fillfactor = 70);
            CREATE TABLE {s}.payloads (
                instance_id text COLLATE "C" NOT NULL,
                hash bytea NOT NULL,
                data text NOT NULL,
                size integer NOT NULL,
                PRIMARY KEY (instance_id, hash));
            CREATE TABLE {s}.poison (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                instance_id text NOT NULL,
                work_type text NOT NULL,
                name text NOT NULL,
                dequeue_count integer NOT NULL,
                reason text NOT NULL,
                failure text,
                content text,
                parked_at bigint NOT NULL);
            -- Next work: visible messages in delivery order per instance kind; activities by lease end (0 = unlocked).
            CREATE INDEX ix_inbox_ready ON {s}.inbox (instance_kind, visible_at, seq);
            CREATE INDEX ix_inbox_instance ON {s}.inbox (instance_id, seq);
            CREATE INDEX ix_activities_ready ON {s}.activities (lock_expiry, id);
            CREATE INDEX ix_activities_instance ON {s}.activities (instance_id);
            CREATE INDEX ix_instances_created ON {s}.instances (created_at, instance_id);
            CREATE INDEX ix_instances_status ON {s}.instances (status, created_at);
            -- Raised by guards inside a batch: the caller no longer owns the work, so the whole transaction rolls back.
            CREATE FUNCTION {s}.lease_lost(what text) RETURNS integer LANGUAGE plpgsql AS $f$
            BEGIN
                RAISE EXCEPTION '%', what USING ERRCODE = 'NXL01';
            END
            $f$;
            """),
        new(2, SdkHistoryFormat.Description, "SELECT 1"),
    ];

    /// <summary>The version a fully migrated schema has.</summary>
    internal static int LatestVersion => Migrations[^1].Version;

    /// <summary>Creates the schema when missing and applies the missing migrations up to <paramref name="targetVersion"/>,
    /// in one transaction under the schema's advisory lock. Returns the version.</summary>
    /// <exception cref="InvalidOperationException">The schema has a newer version than this build knows.</exception>
    internal static async Task<int> MigrateAsync(
        NpgsqlConnection connection, string schema, DateTimeOffset now, int? targetVersion, CancellationToken cancellationToken)
    {
        var target = targetVersion ?? LatestVersion;
        var quoted = "\"" + schema + "\"";
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(
            new CommandDefinition("SELECT pg_advisory_xact_lock(@key)", new { key = LockKey(schema) }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            $"CREATE SCHEMA IF NOT EXISTS {quoted}; " +
            $"CREATE TABLE IF NOT EXISTS {quoted}.schema_version (version integer NOT NULL PRIMARY KEY, description text NOT NULL, applied_at timestamptz NOT NULL)",
            transaction: transaction,
            cancellationToken: cancellationToken));
        var current = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            $"SELECT COALESCE(max(version), 0) FROM {quoted}.schema_version", transaction: transaction, cancellationToken: cancellationToken));
        if (current > LatestVersion)
        {
            throw new InvalidOperationException(
                $"The PostgreSQL schema '{schema}' has version {current}, newer than this build supports ({LatestVersion}). Upgrade NEXUS.");
        }

        foreach (var migration in Migrations)
        {
            if (migration.Version <= current || migration.Version > target)
            {
                continue;
            }

            if (migration.Version == 2 && current >= 1)
            {
                var active = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    $"SELECT count(*) FROM {quoted}.instances WHERE {SdkHistoryFormat.ActiveOrchestrations}", transaction: transaction, cancellationToken: cancellationToken));
                if (active > 0)
                {
                    throw new StoreFormatException(SdkHistoryFormat.Message(active, $"The PostgreSQL schema '{schema}'"));
                }
            }

            await connection.ExecuteAsync(new CommandDefinition(
                migration.Sql.Replace("{s}", quoted, StringComparison.Ordinal), transaction: transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                $"INSERT INTO {quoted}.schema_version (version, description, applied_at) VALUES (@version, @description, @appliedAt)",
                new { version = migration.Version, description = migration.Description, appliedAt = now.ToUniversalTime() },
                transaction,
                cancellationToken: cancellationToken));
            current = migration.Version;
        }

        await transaction.CommitAsync(cancellationToken);
        return current;
    }

    /// <summary>The advisory lock key of a schema's migrations (stable across processes and machines).</summary>
    internal static long LockKey(string schema) =>
        BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes("nexus.durable.schema:" + schema)));
}

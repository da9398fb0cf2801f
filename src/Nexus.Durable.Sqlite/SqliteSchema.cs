using Microsoft.Data.Sqlite;
using Nexus.Durable.Storage;

namespace Nexus.Durable.Sqlite;

/// <summary>The versioned schema: an ordered list of migrations applied in one <c>BEGIN IMMEDIATE</c> transaction.</summary>
/// <remarks>
/// Times are UTC ticks. Unlocked rows have <c>lock_expiry = 0</c>, so "unlocked or expired" is one index range.
/// Values above the payload threshold live in <c>payloads</c> (one row per instance and content hash); the referring
/// column is NULL and its <c>*_hash</c> column holds the SHA-256. Never edit a released migration: append a new one.
/// </remarks>
internal static class SqliteSchema
{
    /// <summary>The columns of one event (history and inbox rows share them).</summary>
    internal const string EventColumns =
        "kind INTEGER NOT NULL, task_id INTEGER NOT NULL, ts INTEGER NOT NULL, name TEXT, data TEXT, data_hash BLOB, " +
        "failure TEXT, ref_instance_id TEXT, execution_id TEXT, fire_at INTEGER, parent_instance_id TEXT, " +
        "parent_execution_id TEXT, parent_task_id INTEGER, request_id TEXT";

    internal static readonly IReadOnlyList<SqliteMigration> Migrations =
    [
        new(1, "instances, inbox, history, activities, payloads", $"""
            CREATE TABLE instances (
                instance_id TEXT NOT NULL PRIMARY KEY,
                kind INTEGER NOT NULL,
                name TEXT NOT NULL,
                execution_id TEXT,
                status INTEGER NOT NULL,
                input TEXT, input_hash BLOB,
                output TEXT, output_hash BLOB,
                custom_status TEXT, custom_status_hash BLOB,
                failure TEXT,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL,
                completed_at INTEGER,
                parent_instance_id TEXT, parent_execution_id TEXT, parent_task_id INTEGER,
                lock_owner TEXT,
                lock_expiry INTEGER NOT NULL DEFAULT 0,
                dequeue_count INTEGER NOT NULL DEFAULT 0,
                last_error TEXT,
                history_count INTEGER NOT NULL DEFAULT 0);
            CREATE TABLE inbox (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                instance_id TEXT NOT NULL,
                instance_kind INTEGER NOT NULL,
                target_execution_id TEXT,
                visible_at INTEGER NOT NULL,
                {EventColumns});
            CREATE TABLE history (
                instance_id TEXT NOT NULL,
                position INTEGER NOT NULL,
                {EventColumns},
                PRIMARY KEY (instance_id, position)) WITHOUT ROWID;
            CREATE TABLE activities (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                instance_id TEXT NOT NULL,
                execution_id TEXT NOT NULL,
                task_id INTEGER NOT NULL,
                name TEXT NOT NULL,
                input TEXT, input_hash BLOB,
                lock_owner TEXT,
                lock_expiry INTEGER NOT NULL DEFAULT 0,
                dequeue_count INTEGER NOT NULL DEFAULT 0,
                last_error TEXT,
                created_at INTEGER NOT NULL);
            CREATE TABLE payloads (
                instance_id TEXT NOT NULL,
                hash BLOB NOT NULL,
                data TEXT NOT NULL,
                size INTEGER NOT NULL,
                UNIQUE (instance_id, hash));
            CREATE INDEX ix_instances_created ON instances (created_at, instance_id);
            CREATE INDEX ix_inbox_instance ON inbox (instance_id, seq);
            """),
        new(2, "next-work indexes, poison list", """
            CREATE INDEX ix_inbox_visible ON inbox (instance_kind, visible_at);
            CREATE INDEX ix_activities_lock ON activities (lock_expiry, id);
            CREATE INDEX ix_activities_instance ON activities (instance_id);
            CREATE INDEX ix_instances_status ON instances (status, created_at);
            CREATE TABLE poison (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                instance_id TEXT NOT NULL,
                work_type TEXT NOT NULL,
                name TEXT NOT NULL,
                dequeue_count INTEGER NOT NULL,
                reason TEXT NOT NULL,
                failure TEXT,
                content TEXT,
                parked_at INTEGER NOT NULL);
            """),
        new(3, SdkHistoryFormat.Description, "SELECT 1"),
    ];

    /// <summary>The version a fully migrated database has.</summary>
    internal static int LatestVersion => Migrations[^1].Version;

    /// <summary>Applies the missing migrations up to <paramref name="targetVersion"/> in one immediate transaction
    /// (a second process initializing at the same time waits, then finds nothing to do). Returns the version.</summary>
    internal static int Migrate(SqliteConnection connection, int? targetVersion = null)
    {
        var target = targetVersion ?? LatestVersion;
        Execute(connection, "BEGIN IMMEDIATE");
        try
        {
            Execute(connection, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)");
            var current = ReadVersion(connection);
            foreach (var migration in Migrations)
            {
                if (migration.Version <= current || migration.Version > target)
                {
                    continue;
                }

                if (migration.Version == 3 && current >= 1)
                {
                    RefuseActiveOldEngineOrchestrations(connection);
                }

                Execute(connection, migration.Sql);
                using var record = connection.CreateCommand();
                record.CommandText = "INSERT INTO schema_version (version, description, applied_at) VALUES ($v, $d, strftime('%Y-%m-%dT%H:%M:%fZ','now'))";
                record.Parameters.AddWithValue("$v", migration.Version);
                record.Parameters.AddWithValue("$d", migration.Description);
                record.ExecuteNonQuery();
                current = migration.Version;
            }

            Execute(connection, "COMMIT");
            return current;
        }
        catch
        {
            Execute(connection, "ROLLBACK");
            throw;
        }
    }

    /// <summary>The database's schema version (0 when it has none).</summary>
    internal static int ReadVersion(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version";
        try
        {
            return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 1)
        {
            return 0; // no schema_version table yet
        }
    }

    private static void RefuseActiveOldEngineOrchestrations(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM instances WHERE {SdkHistoryFormat.ActiveOrchestrations}";
        var active = Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        if (active > 0)
        {
            throw new StoreFormatException(SdkHistoryFormat.Message(active, $"The database {connection.DataSource}"));
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

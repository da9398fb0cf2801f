using Microsoft.Data.Sqlite;

namespace Nexus.Workflows.Tests.Recovery;

/// <summary>Reads, straight from the SQLite file, which worker holds the lease of a queued activity: the evidence that a
/// step was really running (taken by a worker) when its process was killed, not merely scheduled.</summary>
/// <remarks>Read-only and test-only; it knows the store's <c>activities</c> table (lock_owner, lock_expiry).</remarks>
internal static class ActivityLease
{
    /// <summary>The owner and expiry of the lease on <paramref name="activityName"/> of <paramref name="instanceId"/>, if one is held.</summary>
    public static async Task<(string Owner, DateTimeOffset Expiry)?> HeldAsync(
        string databasePath, string instanceId, string activityName, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT lock_owner, lock_expiry FROM activities WHERE instance_id = $instance AND name = $name AND lock_owner IS NOT NULL";
        command.Parameters.AddWithValue("$instance", instanceId);
        command.Parameters.AddWithValue("$name", activityName);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? (reader.GetString(0), new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero))
            : null;
    }
}

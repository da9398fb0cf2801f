using Nexus.Durable.Storage;

namespace Nexus.Durable.Sqlite;

public sealed partial class SqliteDurableStore
{
    private const string DiagnosticsSql =
        "SELECT (SELECT COUNT(*) FROM history WHERE instance_id = $p0), " +
        "(SELECT COALESCE(SUM(COALESCE(length(CAST(data AS BLOB)), 0) + COALESCE(length(data_hash), 0)), 0) FROM history WHERE instance_id = $p0), " +
        "(SELECT COUNT(*) FROM payloads WHERE instance_id = $p0), " +
        "(SELECT COALESCE(SUM(size), 0) FROM payloads WHERE instance_id = $p0), " +
        "(SELECT COUNT(*) FROM inbox WHERE instance_id = $p0), " +
        "(SELECT COUNT(*) FROM activities WHERE instance_id = $p0), " +
        "(SELECT lock_owner FROM (" + LeasesSql + ") ORDER BY lock_expiry DESC LIMIT 1), " +
        "(SELECT MAX(lock_expiry) FROM (" + LeasesSql + "))";

    // The instance's lease and its activities' leases (released ones have lock_expiry = 0).
    private const string LeasesSql =
        "SELECT lock_owner, lock_expiry FROM instances WHERE instance_id = $p0 AND lock_expiry > 0 " +
        "UNION ALL SELECT lock_owner, lock_expiry FROM activities WHERE instance_id = $p0 AND lock_expiry > 0";

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<PoisonRecord>> GetPoisonAsync(CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<PoisonRecord>>(
            session =>
            {
                var records = new List<PoisonRecord>();
                using var reader = session.Statement("SELECT instance_id, work_type, name, dequeue_count, reason, parked_at FROM poison ORDER BY id", 0).ExecuteReader();
                while (reader.Read())
                {
                    records.Add(new PoisonRecord(
                        reader.GetString(0),
                        reader.GetString(1),
                        reader.GetString(2),
                        reader.GetInt32(3),
                        reader.GetString(4),
                        SqliteEventCodec.Time(reader.GetInt64(5))));
                }

                return records;
            },
            cancellationToken);

    /// <inheritdoc/>
    public ValueTask<StoreDiagnostics> GetDiagnosticsAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        return ReadAsync(
            session =>
            {
                using var reader = session.Statement(DiagnosticsSql, 1).Bind(instanceId).ExecuteReader();
                reader.Read();
                return new StoreDiagnostics(
                    reader.GetInt32(0),
                    reader.GetInt64(1),
                    reader.GetInt32(2),
                    reader.GetInt64(3),
                    reader.GetInt32(4),
                    reader.GetInt32(5),
                    reader.IsDBNull(6) ? null : reader.GetString(6),
                    reader.IsDBNull(7) ? null : new DateTimeOffset(reader.GetInt64(7), TimeSpan.Zero));
            },
            cancellationToken);
    }
}

using System.Security.Cryptography;
using System.Text;
using Nexus.Durable.History;
using Nexus.Durable.Storage;

namespace Nexus.Durable.Sqlite;

/// <summary>What a write request sees: the writer's session, the batch's time, payload storage and the signals to raise
/// once the group commits.</summary>
internal sealed class SqliteWriteContext(SqliteSession session, int payloadThresholdBytes)
{
    private static readonly string InsertHistorySql =
        $"INSERT INTO history (instance_id, position, {SqliteEventCodec.InsertColumns}) VALUES ({Parameters(2 + SqliteEventCodec.InsertColumnCount)})";

    private static readonly string InsertInboxSql =
        $"INSERT INTO inbox (instance_id, instance_kind, target_execution_id, visible_at, {SqliteEventCodec.InsertColumns}) VALUES ({Parameters(4 + SqliteEventCodec.InsertColumnCount)})";

    private readonly List<string> _requestInstances = [];
    private int _requestKinds;

    public SqliteSession Session { get; } = session;

    /// <summary>The store's time when the group started (every request of a group shares it).</summary>
    public DateTimeOffset Now { get; set; }

    public long NowTicks => Now.UtcTicks;

    /// <summary>Work kinds (bit per <see cref="WorkKind"/>) that committed requests enqueued.</summary>
    public int CommittedKinds { get; private set; }

    /// <summary>Instances whose status committed requests may have changed.</summary>
    public List<string> CommittedInstances { get; } = [];

    public SqliteStatement Statement(string sql, int parameterCount) => Session.Statement(sql, parameterCount);

    /// <summary>Asks for a wake-up of <paramref name="kind"/> waiters if this request commits.</summary>
    public void Signal(WorkKind kind) => _requestKinds |= 1 << (int)kind;

    public void Signal(InstanceKind kind) => Signal(kind == InstanceKind.Entity ? WorkKind.Entity : WorkKind.Orchestration);

    /// <summary>Withdraws this request's wake-up of <paramref name="kind"/> waiters (the request took the work itself).</summary>
    public void Unsignal(InstanceKind kind) => _requestKinds &= ~(1 << (int)(kind == InstanceKind.Entity ? WorkKind.Entity : WorkKind.Orchestration));

    /// <summary>Asks for a wake-up of the instance's change waiters if this request commits.</summary>
    public void InstanceChanged(string instanceId) => _requestInstances.Add(instanceId);

    public void BeginGroup(DateTimeOffset now)
    {
        Now = now;
        CommittedKinds = 0;
        CommittedInstances.Clear();
    }

    public void BeginRequest()
    {
        _requestKinds = 0;
        _requestInstances.Clear();
    }

    public void AcceptRequest()
    {
        CommittedKinds |= _requestKinds;
        CommittedInstances.AddRange(_requestInstances);
    }

    /// <summary>Stores <paramref name="value"/> inline, or (above the threshold) once per instance in <c>payloads</c>.</summary>
    public StoredValue StoreValue(string instanceId, string? value)
    {
        if (value is null || value.Length <= payloadThresholdBytes / 3)
        {
            return new StoredValue(value, null);
        }

        var bytes = Encoding.UTF8.GetBytes(value);
        if (bytes.Length <= payloadThresholdBytes)
        {
            return new StoredValue(value, null);
        }

        var hash = SHA256.HashData(bytes);
        Statement("INSERT OR IGNORE INTO payloads (instance_id, hash, data, size) VALUES ($p0, $p1, $p2, $p3)", 4)
            .Bind(instanceId, hash, value, (long)bytes.Length)
            .ExecuteNonQuery();
        return new StoredValue(null, hash);
    }

    /// <summary>Appends an event to an instance's history at <paramref name="position"/>.</summary>
    public void InsertHistory(string instanceId, int position, HistoryEvent e)
    {
        var data = StoreValue(instanceId, e.Data);
        var statement = Statement(InsertHistorySql, 2 + SqliteEventCodec.InsertColumnCount);
        statement.Set(0, instanceId).Set(1, (long)position);
        SqliteEventCodec.Bind(statement, 2, e, data);
        statement.ExecuteNonQuery();
    }

    /// <summary>Adds a message to an instance's inbox (the caller has checked the target).</summary>
    public void InsertInbox(string instanceId, InstanceKind kind, string? executionId, long visibleAt, HistoryEvent e)
    {
        var data = StoreValue(instanceId, e.Data);
        var statement = Statement(InsertInboxSql, 4 + SqliteEventCodec.InsertColumnCount);
        statement.Set(0, instanceId).Set(1, (long)kind).Set(2, executionId).Set(3, visibleAt);
        SqliteEventCodec.Bind(statement, 4, e, data);
        statement.ExecuteNonQuery();
        Signal(kind);
    }

    internal static string Parameters(int count) =>
        string.Join(", ", Enumerable.Range(0, count).Select(i => "$p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
}

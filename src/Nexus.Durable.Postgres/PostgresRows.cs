using Nexus.Durable.History;
using Nexus.Durable.Storage;
using Npgsql;

namespace Nexus.Durable.Postgres;

/// <summary>Maps rows to records: instances (<see cref="PostgresSql.InstanceColumns"/>), events
/// (<see cref="PostgresSql.SelectEvent"/>) and locked work items.</summary>
internal static class PostgresRows
{
    /// <summary>The columns of an instance row: instance columns 0–14, then lock owner, lock expiry, dequeue count, last error, history count.</summary>
    internal const int InstanceColumnCount = 20;

    internal static InstanceRecord Instance(NpgsqlDataReader reader, int offset = 0) => new()
    {
        InstanceId = reader.GetString(offset),
        Kind = (InstanceKind)reader.GetInt32(offset + 1),
        Name = reader.GetString(offset + 2),
        ExecutionId = Text(reader, offset + 3),
        RuntimeStatus = (OrchestrationRuntimeStatus)reader.GetInt32(offset + 4),
        Input = Text(reader, offset + 5),
        Output = Text(reader, offset + 6),
        CustomStatus = Text(reader, offset + 7),
        Failure = PostgresJsonContext.ReadFailure(Text(reader, offset + 8)),
        CreatedTime = Time(reader.GetInt64(offset + 9)),
        LastUpdatedTime = Time(reader.GetInt64(offset + 10)),
        CompletedTime = reader.IsDBNull(offset + 11) ? null : Time(reader.GetInt64(offset + 11)),
        Parent = reader.IsDBNull(offset + 12) ? null : new ParentInstance(reader.GetString(offset + 12), Text(reader, offset + 13), reader.GetInt32(offset + 14)),
    };

    internal static HistoryEvent Event(NpgsqlDataReader reader, int offset) => new()
    {
        Kind = (EventKind)reader.GetInt32(offset),
        TaskId = reader.GetInt32(offset + 1),
        Timestamp = Time(reader.GetInt64(offset + 2)),
        Name = Text(reader, offset + 3),
        Data = Text(reader, offset + 4),
        Failure = PostgresJsonContext.ReadFailure(Text(reader, offset + 5)),
        InstanceId = Text(reader, offset + 6),
        ExecutionId = Text(reader, offset + 7),
        FireAt = reader.IsDBNull(offset + 8) ? null : Time(reader.GetInt64(offset + 8)),
        Parent = reader.IsDBNull(offset + 9)
            ? null
            : new ParentInstance(reader.GetString(offset + 9), Text(reader, offset + 10), reader.GetInt32(offset + 11)),
        RequestId = Text(reader, offset + 12),
    };

    /// <summary>Reads messages (seq, target execution, event columns) of the current result set.</summary>
    internal static async Task<List<InboxMessage>> MessagesAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var messages = new List<InboxMessage>();
        while (await reader.ReadAsync(cancellationToken))
        {
            messages.Add(new InboxMessage(reader.GetInt64(0), Event(reader, 2), Text(reader, 1)));
        }

        return messages;
    }

    /// <summary>Reads the result set of a lock statement: per instance, its row(s) in order, one per visible message.</summary>
    internal static async Task<List<OrchestrationWorkItem>> LockedItemsAsync(
        NpgsqlDataReader reader, string owner, DateTimeOffset lockedUntil, CancellationToken cancellationToken)
    {
        var items = new List<OrchestrationWorkItem>();
        string? currentId = null;
        InstanceRecord? instance = null;
        List<InboxMessage>? messages = null;
        int dequeueCount = 0, historyCount = 0;
        string? lastError = null;
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetString(0);
            if (!string.Equals(id, currentId, StringComparison.Ordinal))
            {
                Flush();
                currentId = id;
                instance = Instance(reader);
                dequeueCount = reader.GetInt32(17);
                lastError = Text(reader, 18);
                historyCount = reader.GetInt32(19);
                messages = [];
            }

            if (!reader.IsDBNull(InstanceColumnCount))
            {
                messages!.Add(new InboxMessage(reader.GetInt64(InstanceColumnCount), Event(reader, InstanceColumnCount + 2), Text(reader, InstanceColumnCount + 1)));
            }
        }

        Flush();
        return items;

        void Flush()
        {
            if (instance is not null)
            {
                items.Add(new OrchestrationWorkItem
                {
                    Instance = instance,
                    LockOwner = owner,
                    LockedUntil = lockedUntil,
                    Messages = messages!,
                    HistoryCount = historyCount,
                    DequeueCount = dequeueCount,
                    LastError = lastError,
                });
            }
        }
    }

    internal static string? Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    internal static DateTimeOffset Time(long ticks) => new(ticks, TimeSpan.Zero);
}

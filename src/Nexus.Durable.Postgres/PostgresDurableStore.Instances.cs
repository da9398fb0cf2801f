using Nexus.Durable.History;
using Nexus.Durable.Storage;
using Npgsql;
using P = Nexus.Durable.Postgres.PostgresParameters;

namespace Nexus.Durable.Postgres;

public sealed partial class PostgresDurableStore
{
    /// <inheritdoc/>
    public async ValueTask CreateInstanceAsync(NewInstance instance, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentException.ThrowIfNullOrEmpty(instance.InstanceId);
        var now = NowTicks;

        // Usually the id is new: one statement (its insert does nothing when the id is taken, so of concurrent creates one
        // wins). When it is taken, a second transaction replaces it if it is terminal and the start reuses finished ids.
        var created = await RunAsync(AddCreate(new PostgresBatch(), instance, now, null), reader => ReadCreatedAsync(reader, cancellationToken), _ => "unexpected", cancellationToken);
        if (!created && instance.ReuseFinishedId)
        {
            var batch = new PostgresBatch().Add(_sql.DeleteTerminal, P.Text(instance.InstanceId));
            created = await RunAsync(
                AddCreate(batch, instance, now, null),
                async reader =>
                {
                    await PostgresBatch.NextAsync(reader, cancellationToken); // skip the replaced count
                    return await ReadCreatedAsync(reader, cancellationToken);
                },
                _ => "unexpected",
                cancellationToken);
        }

        if (!created)
        {
            // For the message only: the instance may change (or be purged) after the refused insert.
            var existing = await GetInstanceAsync(instance.InstanceId, cancellationToken);
            throw InstanceAlreadyExistsException.For(instance.InstanceId, existing?.RuntimeStatus);
        }

        Committed(Bit(WorkKind.Orchestration), [instance.InstanceId]);
    }

    /// <inheritdoc/>
    public ValueTask<InstanceRecord?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        return ReadAsync(
            _sql.InstanceById,
            [P.Text(instanceId)],
            async reader => await reader.ReadAsync(cancellationToken) ? PostgresRows.Instance(reader) : null,
            cancellationToken);
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        return ReadAsync<IReadOnlyList<HistoryEvent>>(
            _sql.History,
            [P.Text(instanceId)],
            async reader =>
            {
                var events = new List<HistoryEvent>();
                while (await reader.ReadAsync(cancellationToken))
                {
                    events.Add(PostgresRows.Event(reader, 0));
                }

                return events;
            },
            cancellationToken);
    }

    /// <inheritdoc/>
    public async ValueTask SendMessagesAsync(IReadOnlyList<OrchestrationMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count == 0)
        {
            return;
        }

        var batch = new PostgresBatch();
        var shape = AddSend(batch, messages, NowTicks);
        var (kinds, created) = await RunAsync(batch, reader => ReadSendAsync(reader, shape, cancellationToken), _ => "unexpected", cancellationToken);
        Committed(WorkBits(kinds), created);
    }

    // Adds the statement that creates an orchestration with its ExecutionStarted message, or (when the id is taken and
    // failParent is set) sends the parent a SubOrchestrationInstanceFailed. Its result (ReadCreatedAsync): whether it
    // created the instance.
    private PostgresBatch AddCreate(PostgresBatch batch, NewInstance instance, long now, OrchestrationMessage? failParent)
    {
        var input = StoredValue.Of(instance.Input, _threshold);
        var created = instance.CreatedTime == default ? now : instance.CreatedTime.UtcTicks;
        if (input.Hash is null && failParent is null)
        {
            return batch.Add(
                _sql.CreateSimple,
                P.Text(instance.InstanceId),
                P.Text(instance.Name),
                P.Text(instance.ExecutionId),
                P.Text(input.Inline),
                P.Long(created),
                P.Long(now),
                P.Text(instance.Parent?.InstanceId),
                P.Text(instance.Parent?.ExecutionId),
                P.Int(instance.Parent?.TaskId),
                P.Long(instance.StartAt?.UtcTicks ?? now));
        }

        return batch.Add(
            _sql.CreateInstance,
            P.Text(instance.InstanceId),
            P.Text(instance.Name),
            P.Text(instance.ExecutionId),
            P.Text(input.Inline),
            P.Bytes(input.Hash),
            P.Text(input.Payload),
            P.Int(input.Size),
            P.Long(created),
            P.Long(now),
            P.Text(instance.Parent?.InstanceId),
            P.Text(instance.Parent?.ExecutionId),
            P.Int(instance.Parent?.TaskId),
            P.Long(instance.StartAt?.UtcTicks ?? now),
            P.Text(failParent?.InstanceId),
            P.Text(failParent?.ExecutionId),
            P.Text(PostgresJsonContext.Write(failParent?.Event.Failure)),
            P.Int(failParent?.Event.TaskId ?? -1));
    }

    // Adds the statement that delivers messages (dropped when the target is terminal or a missing orchestration; a missing
    // entity is created). Its result (ReadSendAsync with the returned shape): instance-kind bits that got messages,
    // entities created. One small message to a non-entity (an activity result, a timer) takes the short statement.
    private bool AddSend(PostgresBatch batch, IReadOnlyList<OrchestrationMessage> messages, long now)
    {
        if (messages is [{ } single] && !EntityIds.IsEntity(single.InstanceId))
        {
            var data = StoredValue.Of(single.Event.Data, _threshold);
            if (data.Hash is null)
            {
                batch.Add(
                    _sql.SendOne,
                    [P.Text(single.InstanceId), P.Text(single.ExecutionId), P.Long(single.VisibleAt?.UtcTicks ?? now), .. P.Event(single.Event, data.Inline)]);
                return true;
            }
        }

        var count = messages.Count;
        var targets = new string?[count];
        var executions = new string?[count];
        var visible = new long[count];
        var isEntity = new bool[count];
        var entityNames = new string?[count];
        var events = new EventArrays(count);
        for (var i = 0; i < count; i++)
        {
            var message = messages[i];
            ArgumentNullException.ThrowIfNull(message);
            targets[i] = message.InstanceId;
            executions[i] = message.ExecutionId;
            visible[i] = message.VisibleAt?.UtcTicks ?? now;
            isEntity[i] = EntityIds.IsEntity(message.InstanceId);
            entityNames[i] = isEntity[i] ? EntityIds.GetName(message.InstanceId) : null;
            events.Add(message.Event, StoredValue.Of(message.Event.Data, _threshold), keepPayloadText: true);
        }

        batch.Add(
            _sql.Send,
            [P.Long(now), P.Texts(targets), P.Texts(executions), P.Longs(visible), P.Bools(isEntity), P.Texts(entityNames), .. events.MessageParameters()]);
        return false;
    }

    private static async Task<(int Kinds, string[] Created)> ReadSendAsync(NpgsqlDataReader reader, bool single, CancellationToken cancellationToken)
    {
        if (single)
        {
            return (await reader.ReadAsync(cancellationToken) ? reader.GetInt32(0) : 0, []);
        }

        await reader.ReadAsync(cancellationToken);
        var kinds = reader.GetInt32(0);
        var created = reader.IsDBNull(1) ? [] : reader.GetFieldValue<string[]>(1);
        return (kinds, created);
    }

    private static async Task<bool> ReadCreatedAsync(NpgsqlDataReader reader, CancellationToken cancellationToken) =>
        await reader.ReadAsync(cancellationToken) && reader.GetBoolean(0);

    private async ValueTask<T> ReadAsync<T>(string sql, NpgsqlParameter[] parameters, Func<NpgsqlDataReader, Task<T>> read, CancellationToken cancellationToken)
    {
        EnsureReady();
        await using var command = _dataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(parameter);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await read(reader);
    }
}

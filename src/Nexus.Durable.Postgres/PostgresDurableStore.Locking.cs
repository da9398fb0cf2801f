using System.Text.Json;
using Nexus.Durable.History;
using Nexus.Durable.Storage;
using Npgsql;
using P = Nexus.Durable.Postgres.PostgresParameters;

namespace Nexus.Durable.Postgres;

public sealed partial class PostgresDurableStore
{
    /// <summary>Inbox rows a lock scans per requested item: an instance with several visible messages uses several.</summary>
    private const int ScanRowsPerItem = 4;

    /// <inheritdoc/>
    public async ValueTask<WorkBatch<OrchestrationWorkItem>> LockInstancesAsync(LockRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.MaxItems, 1);
        var now = _time.GetUtcNow();
        var lockedUntil = now + request.LeaseDuration;
        var batch = new PostgresBatch()
            .Add(
                _sql.LockInstances,
                P.Int((int)request.Kind),
                P.Long(now.UtcTicks),
                P.Int(request.MaxItems > int.MaxValue / ScanRowsPerItem ? int.MaxValue : (request.MaxItems * ScanRowsPerItem) + 16),
                P.Int(request.MaxItems),
                P.Text(request.Owner),
                P.Long(lockedUntil.UtcTicks))
            .Add(_sql.NextVisible, P.Int((int)request.Kind), P.Long(now.UtcTicks));
        return await RunAsync(
            batch,
            async reader =>
            {
                var items = await PostgresRows.LockedItemsAsync(reader, request.Owner, lockedUntil, cancellationToken);
                await PostgresBatch.NextAsync(reader, cancellationToken);
                DateTimeOffset? next = items.Count == 0 && await reader.ReadAsync(cancellationToken) ? PostgresRows.Time(reader.GetInt64(0)) : null;
                return new WorkBatch<OrchestrationWorkItem>(items, next);
            },
            _ => "unexpected",
            cancellationToken);
    }

    /// <inheritdoc/>
    public async ValueTask AbandonInstanceAsync(OrchestrationWorkItem workItem, string error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        var kind = await ReadAsync(
            _sql.AbandonInstance,
            [P.Text(workItem.Instance.InstanceId), P.Text(workItem.LockOwner), P.Text(error)],
            async reader => await reader.ReadAsync(cancellationToken) ? (InstanceKind?)reader.GetInt32(0) : null,
            cancellationToken);
        if (kind is null)
        {
            throw new LeaseLostException(LostInstance(workItem));
        }

        Committed(Bit(kind.Value), null);
    }

    /// <inheritdoc/>
    public async ValueTask<LeaseStatus> RenewInstanceLeaseAsync(OrchestrationWorkItem workItem, TimeSpan leaseDuration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        EnsureReady();
        await using var command = _dataSource.CreateCommand(_sql.RenewInstance);
        command.Parameters.Add(P.Text(workItem.Instance.InstanceId));
        command.Parameters.Add(P.Text(workItem.LockOwner));
        command.Parameters.Add(P.Long((_time.GetUtcNow() + leaseDuration).UtcTicks));
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0 ? LeaseStatus.Renewed : LeaseStatus.Lost;
    }

    /// <inheritdoc/>
    public async ValueTask ParkInstanceAsync(OrchestrationWorkItem workItem, FailureDetails failure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        ArgumentNullException.ThrowIfNull(failure);
        EnsureReady();
        var id = workItem.Instance.InstanceId;
        var now = _time.GetUtcNow();
        int sendKinds;
        await using (var connection = await _dataSource.OpenConnectionAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            // Parking is rare: an explicit transaction with a few round trips. The row lock keeps the instance ours.
            InstanceKind kind;
            ParentInstance? parent;
            await using (var check = new NpgsqlCommand(_sql.LockForPark, connection, transaction))
            {
                check.Parameters.Add(P.Text(id));
                check.Parameters.Add(P.Text(workItem.LockOwner));
                await using var reader = await check.ExecuteReaderAsync(cancellationToken);
                if (!await reader.ReadAsync(cancellationToken))
                {
                    throw new LeaseLostException(LostInstance(workItem));
                }

                kind = (InstanceKind)reader.GetInt32(0);
                parent = reader.IsDBNull(1) ? null : new ParentInstance(reader.GetString(1), PostgresRows.Text(reader, 2), reader.GetInt32(3));
            }

            // An orchestration fails and loses its whole inbox; an entity keeps its state and loses only the parked batch.
            var isEntity = kind == InstanceKind.Entity;
            List<InboxMessage> parked;
            await using (var take = new NpgsqlCommand(isEntity ? _sql.TakeMessages : _sql.TakeAllMessages, connection, transaction))
            {
                take.Parameters.Add(P.Text(id));
                if (isEntity)
                {
                    take.Parameters.Add(P.Longs([.. workItem.Messages.Select(m => m.Sequence)]));
                }

                await using var reader = await take.ExecuteReaderAsync(cancellationToken);
                parked = await PostgresRows.MessagesAsync(reader, cancellationToken);
            }

            var batch = new PostgresBatch();
            AddPoison(
                batch,
                id,
                isEntity ? "entity" : "orchestration",
                workItem.Instance.Name,
                workItem.DequeueCount,
                failure,
                JsonSerializer.Serialize(parked, PostgresJsonContext.Default.ListInboxMessage),
                now.UtcTicks);
            var responses = new List<OrchestrationMessage>();
            if (isEntity)
            {
                batch.Add(_sql.ReleaseParkedEntity, P.Text(id));
                foreach (var call in parked)
                {
                    if (call.Event is { Kind: EventKind.EntityOperationCalled, InstanceId: { } caller })
                    {
                        var response = new HistoryEvent
                        {
                            Kind = EventKind.EntityOperationFailed,
                            TaskId = call.Event.TaskId,
                            Timestamp = now,
                            Name = call.Event.Name,
                            InstanceId = id,
                            RequestId = call.Event.RequestId,
                            Failure = failure,
                        };
                        responses.Add(new OrchestrationMessage(caller, response, call.ExecutionId));
                    }
                }
            }
            else
            {
                batch.Add(_sql.FailParkedOrchestration, P.Text(id), P.Text(PostgresJsonContext.Write(failure)), P.Long(now.UtcTicks));
                if (parent is not null)
                {
                    var failed = new HistoryEvent
                    {
                        Kind = EventKind.SubOrchestrationInstanceFailed,
                        TaskId = parent.TaskId,
                        Timestamp = now,
                        InstanceId = id,
                        Failure = failure,
                    };
                    responses.Add(new OrchestrationMessage(parent.InstanceId, failed, parent.ExecutionId));
                }
            }

            var single = responses.Count > 0 && AddSend(batch, responses, now.UtcTicks);
            await using (var command = batch.Create(connection, transaction))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                sendKinds = responses.Count > 0 ? (await ReadSendAsync(reader, single, cancellationToken)).Kinds : 0;
            }

            await transaction.CommitAsync(cancellationToken);
        }

        Committed(WorkBits(sendKinds), [id]);
    }

    // Adds the eager-dispatch lock of one instance (kind, active, lease free or expired, not row-locked by another
    // transaction): two result sets, read by ReadTryLockAsync.
    private void AddTryLock(PostgresBatch batch, string instanceId, LockRequest request, DateTimeOffset now)
    {
        var lockedUntil = (now + request.LeaseDuration).UtcTicks;
        batch.Add(_sql.TryLockInstance, P.Text(instanceId), P.Long(now.UtcTicks), P.Int((int)request.Kind), P.Text(request.Owner), P.Long(lockedUntil));
        batch.Add(_sql.LockedMessages, P.Text(instanceId), P.Long(now.UtcTicks), P.Text(request.Owner), P.Long(lockedUntil));
    }

    // The work item locked by AddTryLock's statements (the reader is on the first of them), or null.
    private static async Task<OrchestrationWorkItem?> ReadTryLockAsync(
        NpgsqlDataReader reader, LockRequest request, DateTimeOffset now, CancellationToken cancellationToken)
    {
        InstanceRecord? instance = null;
        int dequeueCount = 0, historyCount = 0;
        string? lastError = null;
        if (await reader.ReadAsync(cancellationToken))
        {
            instance = PostgresRows.Instance(reader);
            dequeueCount = reader.GetInt32(17);
            lastError = PostgresRows.Text(reader, 18);
            historyCount = reader.GetInt32(19);
        }

        await PostgresBatch.NextAsync(reader, cancellationToken);
        var messages = await PostgresRows.MessagesAsync(reader, cancellationToken);
        return instance is null
            ? null
            : new OrchestrationWorkItem
            {
                Instance = instance,
                LockOwner = request.Owner,
                LockedUntil = now + request.LeaseDuration,
                Messages = messages,
                HistoryCount = historyCount,
                DequeueCount = dequeueCount,
                LastError = lastError,
            };
    }

    private void AddPoison(PostgresBatch batch, string instanceId, string workType, string name, int dequeueCount, FailureDetails failure, string? content, long now) =>
        batch.Add(
            _sql.InsertPoison,
            P.Text(instanceId),
            P.Text(workType),
            P.Text(name),
            P.Int(dequeueCount),
            P.Text(failure.Message),
            P.Text(PostgresJsonContext.Write(failure)),
            P.Text(content),
            P.Long(now));

    private static string LostInstance(OrchestrationWorkItem workItem) =>
        $"'{workItem.LockOwner}' no longer holds the lock of instance '{workItem.Instance.InstanceId}'.";
}

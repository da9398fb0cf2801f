using Nexus.Durable.History;
using Nexus.Durable.Storage;
using P = Nexus.Durable.Postgres.PostgresParameters;

namespace Nexus.Durable.Postgres;

public sealed partial class PostgresDurableStore
{
    /// <inheritdoc/>
    /// <remarks>One batch, one transaction: the guarded instance update (owner and history length, else
    /// <see cref="LeaseLostException"/> and nothing is written), the large values, the history (replaced or appended at
    /// the work item's history count; an existing position fails on the history key), the consumed messages, the
    /// activities (the first ones already locked for eager dispatch), the messages, the sub-orchestrations, the payload
    /// collection of continue-as-new, and finally whether messages arrived while the instance was locked.</remarks>
    public async ValueTask<CheckpointResult> CheckpointAsync(OrchestrationCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(checkpoint.WorkItem);
        ArgumentNullException.ThrowIfNull(checkpoint.Update);
        var workItem = checkpoint.WorkItem;
        var id = workItem.Instance.InstanceId;
        var now = _time.GetUtcNow();
        var payloads = new PayloadRows();
        var batch = new PostgresBatch();
        AddInstanceUpdate(batch, checkpoint, payloads, now.UtcTicks);
        var history = AddHistory(batch, checkpoint, payloads);
        if (checkpoint.Update.RuntimeStatus.IsTerminal())
        {
            batch.Add(_sql.DeleteInbox, P.Text(id)); // nothing will process them: a finished instance takes no more messages
        }
        else if (workItem.Messages.Count > 0)
        {
            batch.Add(_sql.DeleteConsumed, P.Text(id), P.Longs([.. workItem.Messages.Select(m => m.Sequence)]));
        }

        var eager = checkpoint.LockActivities;
        var lockedUntil = eager is null ? default : now + eager.LeaseDuration;
        var eagerCount = eager is null ? 0 : Math.Min(eager.MaxItems, checkpoint.Activities.Count);
        if (checkpoint.Activities.Count > 0)
        {
            AddActivities(batch, checkpoint.Activities, payloads, now.UtcTicks, eagerCount, eager?.Owner, lockedUntil.UtcTicks);
        }

        if (checkpoint.Messages.Count > 0)
        {
            AddSend(batch, checkpoint.Messages, now.UtcTicks);
        }

        foreach (var child in checkpoint.SubOrchestrations)
        {
            ArgumentNullException.ThrowIfNull(child);
            batch.Add(_sql.DeleteTerminal, P.Text(child.InstanceId));
            var failed = new HistoryEvent
            {
                Kind = EventKind.SubOrchestrationInstanceFailed,
                TaskId = child.Parent?.TaskId ?? -1,
                Failure = new FailureDetails(
                    typeof(InstanceAlreadyExistsException).FullName!, $"Instance '{child.InstanceId}' already exists and is active.", IsNonRetriable: true),
            };
            AddCreate(batch, child, now.UtcTicks, new OrchestrationMessage(child.Parent?.InstanceId ?? id, failed, child.Parent?.ExecutionId ?? workItem.Instance.ExecutionId));
        }

        if (checkpoint.ReplaceHistory)
        {
            batch.Add(_sql.LockPayloads, P.Text(id));
            batch.Add(_sql.CollectPayloads, P.Text(id));
        }

        payloads.AddTo(batch, _sql); // after everything that refers to them; the collection above kept the referenced ones
        batch.Add(_sql.HasVisibleMessages, P.Text(id), P.Long(now.UtcTicks));

        var (kind, lockedIds, sendKinds, created, more) = await RunAsync(
            batch,
            async reader =>
            {
                await reader.ReadAsync(cancellationToken);
                var kind = (InstanceKind)reader.GetInt32(0);
                List<long>? ids = null;
                if (checkpoint.Activities.Count > 0)
                {
                    await PostgresBatch.NextAsync(reader, cancellationToken);
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        if (reader.GetBoolean(1))
                        {
                            (ids ??= []).Add(reader.GetInt64(0));
                        }
                    }
                }

                var sendKinds = 0;
                var created = new List<string>();
                if (checkpoint.Messages.Count > 0)
                {
                    await PostgresBatch.NextAsync(reader, cancellationToken);
                    var (kinds, entities) = await ReadSendAsync(reader, cancellationToken);
                    sendKinds = kinds;
                    created.AddRange(entities);
                }

                foreach (var child in checkpoint.SubOrchestrations)
                {
                    await PostgresBatch.NextAsync(reader, cancellationToken); // replaced count
                    await PostgresBatch.NextAsync(reader, cancellationToken);
                    await reader.ReadAsync(cancellationToken);
                    if (reader.GetBoolean(0))
                    {
                        created.Add(child.InstanceId);
                    }
                }

                if (checkpoint.ReplaceHistory)
                {
                    await PostgresBatch.NextAsync(reader, cancellationToken); // locked payload count
                }

                await PostgresBatch.NextAsync(reader, cancellationToken);
                await reader.ReadAsync(cancellationToken);
                return (kind, ids, sendKinds, created, reader.GetBoolean(0));
            },
            reason => reason == "lock"
                ? LostInstance(workItem)
                : $"Instance '{id}' no longer has the {workItem.HistoryCount} history events the work item expected (position {history.Position} exists): another writer checkpointed it.",
            cancellationToken);

        var work = WorkBits(sendKinds);
        if (checkpoint.Activities.Count > eagerCount)
        {
            work |= Bit(WorkKind.Activity);
        }

        if (checkpoint.SubOrchestrations.Count > 0)
        {
            work |= Bit(WorkKind.Orchestration); // a created child (or the parent told that it exists)
        }

        if (more)
        {
            work |= Bit(kind); // messages that arrived while it was locked were signalled when nobody could take them
        }

        created.Add(id);
        Committed(work, created);
        if (lockedIds is null)
        {
            return CheckpointResult.Empty;
        }

        lockedIds.Sort();
        var locked = new List<ActivityWorkItem>(lockedIds.Count);
        for (var i = 0; i < lockedIds.Count; i++)
        {
            locked.Add(new ActivityWorkItem { Id = lockedIds[i], Request = checkpoint.Activities[i], LockOwner = eager!.Owner, LockedUntil = lockedUntil, DequeueCount = 1 });
        }

        return new CheckpointResult { LockedActivities = locked };
    }

    private void AddInstanceUpdate(PostgresBatch batch, OrchestrationCheckpoint checkpoint, PayloadRows payloads, long now)
    {
        var workItem = checkpoint.WorkItem;
        var id = workItem.Instance.InstanceId;
        var update = checkpoint.Update;
        var historyCount = (checkpoint.ReplaceHistory ? 0 : workItem.HistoryCount) + checkpoint.NewHistory.Count;
        var setInput = update.Input is not null;
        var input = setInput ? payloads.Add(id, StoredValue.Of(update.Input, _threshold)) : StoredValue.None;
        var setOutput = update.ClearOutput || update.Output is not null;
        var output = update.Output is not null ? payloads.Add(id, StoredValue.Of(update.Output, _threshold)) : StoredValue.None;
        var setCustom = update.CustomStatus is not null;
        var custom = setCustom ? payloads.Add(id, StoredValue.Of(update.CustomStatus, _threshold)) : StoredValue.None;
        batch.Add(
            _sql.CheckpointInstance,
            P.Text(id),
            P.Int((int)update.RuntimeStatus),
            P.Text(update.ExecutionId),
            P.Bool(setInput),
            P.Text(input.Inline),
            P.Bytes(input.Hash),
            P.Bool(setOutput),
            P.Text(output.Inline),
            P.Bytes(output.Hash),
            P.Bool(setCustom),
            P.Text(custom.Inline),
            P.Bytes(custom.Hash),
            P.Text(PostgresJsonContext.Write(update.Failure)),
            P.Long(now),
            P.Bool(update.RuntimeStatus.IsTerminal()),
            P.Int(historyCount),
            P.Text(workItem.LockOwner),
            P.Bool(checkpoint.ReplaceHistory),
            P.Int(workItem.HistoryCount));
    }

    // Replaces or appends the history. Returns the first position written (for the error message).
    private (int Position, bool Written) AddHistory(PostgresBatch batch, OrchestrationCheckpoint checkpoint, PayloadRows payloads)
    {
        var id = checkpoint.WorkItem.Instance.InstanceId;
        var position = checkpoint.ReplaceHistory ? 0 : checkpoint.WorkItem.HistoryCount;
        if (checkpoint.ReplaceHistory)
        {
            batch.Add(_sql.DeleteHistory, P.Text(id));
        }

        if (checkpoint.NewHistory.Count == 0)
        {
            return (position, false);
        }

        var events = new EventArrays(checkpoint.NewHistory.Count);
        foreach (var e in checkpoint.NewHistory)
        {
            ArgumentNullException.ThrowIfNull(e);
            events.Add(e, payloads.Add(id, StoredValue.Of(e.Data, _threshold)), keepPayloadText: false);
        }

        batch.Add(_sql.AppendHistory, [P.Text(id), P.Int(position), .. events.HistoryParameters()]);
        return (position, true);
    }

    private void AddActivities(
        PostgresBatch batch, IReadOnlyList<ActivityRequest> activities, PayloadRows payloads, long now, int eagerCount, string? owner, long lockedUntil)
    {
        var count = activities.Count;
        var instances = new string?[count];
        var executions = new string?[count];
        var taskIds = new int[count];
        var names = new string?[count];
        var inputs = new string?[count];
        var hashes = new byte[]?[count];
        for (var i = 0; i < count; i++)
        {
            var activity = activities[i];
            ArgumentNullException.ThrowIfNull(activity);
            var input = payloads.Add(activity.InstanceId, StoredValue.Of(activity.Input, _threshold));
            instances[i] = activity.InstanceId;
            executions[i] = activity.ExecutionId;
            taskIds[i] = activity.TaskId;
            names[i] = activity.Name;
            inputs[i] = input.Inline;
            hashes[i] = input.Hash;
        }

        batch.Add(
            _sql.InsertActivities,
            P.Long(now),
            P.Int(eagerCount),
            P.Text(owner),
            P.Long(lockedUntil),
            P.Texts(instances),
            P.Texts(executions),
            P.Ints(taskIds),
            P.Texts(names),
            P.Texts(inputs),
            P.ByteArrays(hashes));
    }
}

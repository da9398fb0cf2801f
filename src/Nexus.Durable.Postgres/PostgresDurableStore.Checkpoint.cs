using Nexus.Durable.History;
using Nexus.Durable.Storage;
using Npgsql;
using P = Nexus.Durable.Postgres.PostgresParameters;

namespace Nexus.Durable.Postgres;

public sealed partial class PostgresDurableStore
{
    /// <inheritdoc/>
    /// <remarks>One batch, one transaction. Its first statement (<see cref="PostgresSql.Checkpoint"/>) does the common
    /// part at once: the guarded instance update (owner and history length, else <see cref="LeaseLostException"/> and
    /// nothing is written), the appended history (an existing position fails on the history key), the consumed messages
    /// and the activities (the first ones already locked for eager dispatch). Only when the episode has them follow: the
    /// replaced history of continue-as-new, the messages, the sub-orchestrations, the payload collection and the large
    /// values.</remarks>
    public async ValueTask<CheckpointResult> CheckpointAsync(OrchestrationCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(checkpoint.WorkItem);
        ArgumentNullException.ThrowIfNull(checkpoint.Update);
        var workItem = checkpoint.WorkItem;
        var id = workItem.Instance.InstanceId;
        var now = _time.GetUtcNow();
        var payloads = new PayloadRows();
        var eager = checkpoint.LockActivities;
        var lockedUntil = eager is null ? default : now + eager.LeaseDuration;
        var eagerCount = eager is null ? 0 : Math.Min(eager.MaxItems, checkpoint.Activities.Count);
        var batch = new PostgresBatch();
        AddCheckpointCore(batch, checkpoint, payloads, now.UtcTicks, eagerCount, eager?.Owner, lockedUntil.UtcTicks);
        if (checkpoint.ReplaceHistory)
        {
            batch.Add(_sql.DeleteHistory, P.Text(id));
            if (checkpoint.NewHistory.Count > 0)
            {
                batch.Add(_sql.AppendHistory, [P.Text(id), P.Int(0), .. HistoryArrays(id, checkpoint.NewHistory, payloads).HistoryParameters()]);
            }
        }

        var singleSend = checkpoint.Messages.Count > 0 && AddSend(batch, checkpoint.Messages, now.UtcTicks);
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

        var (kind, more, lockedIds, sendKinds, created) = await RunAsync(
            batch,
            async reader =>
            {
                await reader.ReadAsync(cancellationToken);
                var kind = (InstanceKind)reader.GetInt32(0);
                var more = reader.GetBoolean(1);
                var ids = reader.IsDBNull(2) ? null : reader.GetFieldValue<long[]>(2);
                var sendKinds = 0;
                var created = new List<string>();
                if (checkpoint.Messages.Count > 0)
                {
                    await PostgresBatch.NextAsync(reader, cancellationToken);
                    var (kinds, entities) = await ReadSendAsync(reader, singleSend, cancellationToken);
                    sendKinds = kinds;
                    created.AddRange(entities);
                }

                foreach (var child in checkpoint.SubOrchestrations)
                {
                    await PostgresBatch.NextAsync(reader, cancellationToken); // replaced count
                    await PostgresBatch.NextAsync(reader, cancellationToken);
                    if (await ReadCreatedAsync(reader, cancellationToken))
                    {
                        created.Add(child.InstanceId);
                    }
                }

                return (kind, more, ids, sendKinds, created);
            },
            reason => reason == "lock"
                ? LostInstance(workItem)
                : $"Instance '{id}' no longer has the {workItem.HistoryCount} history events the work item expected: another writer checkpointed it.",
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

        if (more && !checkpoint.Update.RuntimeStatus.IsTerminal())
        {
            work |= Bit(kind); // messages that arrived while it was locked were signalled when nobody could take them
        }

        // Every checkpoint may interest a waiter (a status, or a history stream): under load the notifier coalesces
        // many instances into one NOTIFY.
        created.Add(id);
        Committed(work, created);
        if (lockedIds is null)
        {
            return CheckpointResult.Empty;
        }

        var locked = new List<ActivityWorkItem>(lockedIds.Length);
        for (var i = 0; i < lockedIds.Length; i++)
        {
            locked.Add(new ActivityWorkItem { Id = lockedIds[i], Request = checkpoint.Activities[i], LockOwner = eager!.Owner, LockedUntil = lockedUntil, DequeueCount = 1 });
        }

        return new CheckpointResult { LockedActivities = locked };
    }

    // The checkpoint's first statement (PostgresSql.Checkpoint) with its parameters in the order that statement numbers them.
    private void AddCheckpointCore(
        PostgresBatch batch, OrchestrationCheckpoint checkpoint, PayloadRows payloads, long now, int eagerCount, string? owner, long lockedUntil)
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
        var terminal = update.RuntimeStatus.IsTerminal();
        var parameters = new List<NpgsqlParameter>(48)
        {
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
            P.Bool(terminal),
            P.Int(historyCount),
            P.Text(workItem.LockOwner),
            P.Bool(checkpoint.ReplaceHistory),
            P.Int(workItem.HistoryCount),
            P.Longs([.. workItem.Messages.Select(m => m.Sequence)]),
        };

        // Continue-as-new replaces the history in later statements (the old rows must be gone before position 0 is written).
        var appendHistory = !checkpoint.ReplaceHistory && checkpoint.NewHistory.Count > 0;
        if (appendHistory)
        {
            parameters.Add(P.Int(workItem.HistoryCount));
            parameters.AddRange(HistoryArrays(id, checkpoint.NewHistory, payloads).HistoryParameters());
        }

        var activities = checkpoint.Activities;
        if (activities.Count > 0)
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
                var value = payloads.Add(activity.InstanceId, StoredValue.Of(activity.Input, _threshold));
                instances[i] = activity.InstanceId;
                executions[i] = activity.ExecutionId;
                taskIds[i] = activity.TaskId;
                names[i] = activity.Name;
                inputs[i] = value.Inline;
                hashes[i] = value.Hash;
            }

            parameters.Add(P.Int(eagerCount));
            parameters.Add(P.Text(owner));
            parameters.Add(P.Long(lockedUntil));
            parameters.Add(P.Texts(instances));
            parameters.Add(P.Texts(executions));
            parameters.Add(P.Ints(taskIds));
            parameters.Add(P.Texts(names));
            parameters.Add(P.Texts(inputs));
            parameters.Add(P.ByteArrays(hashes));
        }

        var inbox = terminal
            ? PostgresSql.InboxCleanup.All // nothing will process them: a finished instance takes no more messages
            : workItem.Messages.Count > 0 ? PostgresSql.InboxCleanup.Consumed : PostgresSql.InboxCleanup.None;
        batch.Add(_sql.Checkpoint(appendHistory, inbox, activities.Count > 0), [.. parameters]);
    }

    private EventArrays HistoryArrays(string instanceId, IReadOnlyList<HistoryEvent> events, PayloadRows payloads)
    {
        var arrays = new EventArrays(events.Count);
        foreach (var e in events)
        {
            ArgumentNullException.ThrowIfNull(e);
            arrays.Add(e, payloads.Add(instanceId, StoredValue.Of(e.Data, _threshold)), keepPayloadText: false);
        }

        return arrays;
    }
}

namespace Nexus.Durable.Postgres;

/// <summary>The store's statements for one schema, built once per store (constant text, so Npgsql's automatic
/// preparation prepares each once per connection). Parameters are positional; every time is a parameter (UTC ticks from
/// the store's clock), never the database's <c>now()</c>.</summary>
/// <remarks>Terminal statuses are 2, 4, 5, 6 (<see cref="OrchestrationRuntimeStatus"/>). Instance kinds: 0 orchestration,
/// 1 entity. Values above the payload threshold live in <c>payloads</c>; the referring column is NULL and its
/// <c>*_hash</c> column holds the SHA-256.</remarks>
internal sealed class PostgresSql
{
    internal const string Terminal = "(2, 4, 5, 6)";

    /// <summary>The SQLSTATE raised by <c>lease_lost(text)</c>: a guard found that the caller no longer owns the work.</summary>
    internal const string LeaseLostState = "NXL01";

    /// <summary>The history primary key: a second writer at an existing position fails on it.</summary>
    internal const string HistoryKey = "history_position_key";

    private const string EventColumns =
        "kind, task_id, ts, name, data, data_hash, failure, ref_instance_id, execution_id, fire_at, parent_instance_id, " +
        "parent_execution_id, parent_task_id, request_id";

    public PostgresSql(string schema)
    {
        var s = "\"" + schema + "\"";
        Schema = s;
        Channel = "nexus." + schema;

        InstanceById = $"SELECT {InstanceColumns("i", s)} FROM {s}.instances i WHERE i.instance_id = $1";

        History = $"SELECT {SelectEvent("h", s)} FROM {s}.history h WHERE h.instance_id = $1 ORDER BY h.position";

        // Deletes a terminal instance with everything it owns; nothing when it is missing or active. Returns the count.
        DeleteTerminal =
            $"WITH old AS (DELETE FROM {s}.instances WHERE instance_id = $1 AND status IN {Terminal} RETURNING instance_id), " +
            $"h AS (DELETE FROM {s}.history WHERE instance_id = $1 AND EXISTS (SELECT 1 FROM old)), " +
            $"m AS (DELETE FROM {s}.inbox WHERE instance_id = $1 AND EXISTS (SELECT 1 FROM old)), " +
            $"a AS (DELETE FROM {s}.activities WHERE instance_id = $1 AND EXISTS (SELECT 1 FROM old)), " +
            $"p AS (DELETE FROM {s}.payloads WHERE instance_id = $1 AND EXISTS (SELECT 1 FROM old)) " +
            "SELECT count(*)::integer FROM old";

        // Creates an orchestration (Pending) with its ExecutionStarted message, unless the id exists (a terminal one was
        // deleted by DeleteTerminal just before). When it exists and $14 names a parent, the parent is told instead.
        // $1 id, $2 name, $3 execution, $4 input inline, $5 input hash, $6 input (payload), $7 payload size, $8 created,
        // $9 now, $10-$12 parent, $13 visible at, $14 parent to tell, $15 its execution, $16 failure, $17 task id.
        CreateInstance =
            $"WITH ins AS (INSERT INTO {s}.instances (instance_id, kind, name, execution_id, status, input, input_hash, created_at, " +
            "updated_at, parent_instance_id, parent_execution_id, parent_task_id) VALUES ($1, 0, $2, $3, 0, $4, $5, $8, $9, $10, $11, $12) " +
            "ON CONFLICT (instance_id) DO NOTHING RETURNING instance_id), " +
            $"pl AS (INSERT INTO {s}.payloads (instance_id, hash, data, size) SELECT $1, $5, $6, $7 FROM ins WHERE $5 IS NOT NULL " +
            "ON CONFLICT (instance_id, hash) DO NOTHING), " +
            $"started AS (INSERT INTO {s}.inbox (instance_id, instance_kind, target_execution_id, visible_at, kind, task_id, ts, name, " +
            "data, data_hash, execution_id, parent_instance_id, parent_execution_id, parent_task_id) " +
            "SELECT $1, 0, $3, $13, 0, -1, $9, $2, $4, $5, $3, $10, $11, $12 FROM ins), " +
            $"failed AS (INSERT INTO {s}.inbox (instance_id, instance_kind, target_execution_id, visible_at, kind, task_id, ts, name, " +
            "failure, ref_instance_id) " +
            $"SELECT i.instance_id, i.kind, $15, $9, 9, $17, $9, $2, $16, $1 FROM {s}.instances i " +
            $"WHERE i.instance_id = $14 AND i.status NOT IN {Terminal} AND NOT EXISTS (SELECT 1 FROM ins)) " +
            "SELECT EXISTS (SELECT 1 FROM ins)";

        // The common creation: a small input and nobody to tell when the id exists. Returns a row when it created it.
        // $1 id, $2 name, $3 execution, $4 input, $5 created, $6 now, $7-$9 parent, $10 visible at.
        CreateSimple =
            $"WITH ins AS (INSERT INTO {s}.instances (instance_id, kind, name, execution_id, status, input, created_at, updated_at, " +
            "parent_instance_id, parent_execution_id, parent_task_id) VALUES ($1, 0, $2, $3, 0, $4, $5, $6, $7, $8, $9) " +
            "ON CONFLICT (instance_id) DO NOTHING RETURNING instance_id) " +
            $"INSERT INTO {s}.inbox (instance_id, instance_kind, target_execution_id, visible_at, kind, task_id, ts, name, data, " +
            "execution_id, parent_instance_id, parent_execution_id, parent_task_id) " +
            "SELECT $1, 0, $3, $10, 0, -1, $6, $2, $4, $3, $7, $8, $9 FROM ins RETURNING true";

        // Delivers messages: to active instances, or to missing entities (created, Running). Others are dropped.
        // Large data is stored once per target (the upsert locks an existing payload row, so a concurrent continue-as-new
        // collection cannot delete a payload this message is about to reference). Returns the instance kinds that got
        // messages (bit per kind) and the entities created.
        Send =
            "WITH msg AS (SELECT * FROM unnest($2::text[], $3::text[], $4::bigint[], $5::boolean[], $6::text[], $7::integer[], " +
            "$8::integer[], $9::bigint[], $10::text[], $11::text[], $12::bytea[], $13::integer[], $14::text[], $15::text[], $16::text[], " +
            "$17::bigint[], $18::text[], $19::text[], $20::integer[], $21::text[]) WITH ORDINALITY AS m(target, target_execution_id, " +
            "visible_at, is_entity, entity_name, kind, task_id, ts, name, data, data_hash, size, failure, ref_instance_id, " +
            "execution_id, fire_at, parent_instance_id, parent_execution_id, parent_task_id, request_id, ord)), " +
            $"acc AS (SELECT m.*, i.kind AS instance_kind, i.instance_id IS NULL AS missing FROM msg m LEFT JOIN LATERAL " +
            $"(SELECT x.instance_id, x.kind, x.status FROM {s}.instances x WHERE x.instance_id = m.target LIMIT 1) i ON true " +
            $"WHERE (i.instance_id IS NOT NULL AND i.status NOT IN {Terminal}) OR (i.instance_id IS NULL AND m.is_entity)), " +
            $"ent AS (INSERT INTO {s}.instances (instance_id, kind, name, status, created_at, updated_at) " +
            "SELECT DISTINCT ON (target) target, 1, entity_name, 1, $1, $1 FROM acc WHERE missing ORDER BY target " +
            "ON CONFLICT (instance_id) DO NOTHING RETURNING instance_id), " +
            $"pl AS (INSERT INTO {s}.payloads (instance_id, hash, data, size) SELECT DISTINCT ON (target, data_hash) target, data_hash, data, size " +
            "FROM acc WHERE data_hash IS NOT NULL ORDER BY target, data_hash ON CONFLICT (instance_id, hash) DO UPDATE SET size = EXCLUDED.size), " +
            $"ins AS (INSERT INTO {s}.inbox (instance_id, instance_kind, target_execution_id, visible_at, {EventColumns}) " +
            "SELECT target, COALESCE(instance_kind, 1), target_execution_id, visible_at, kind, task_id, ts, name, " +
            "CASE WHEN data_hash IS NULL THEN data END, data_hash, failure, ref_instance_id, execution_id, fire_at, parent_instance_id, " +
            "parent_execution_id, parent_task_id, request_id FROM acc ORDER BY ord RETURNING instance_kind) " +
            "SELECT COALESCE((SELECT bit_or(1 << instance_kind) FROM ins), 0), (SELECT array_agg(instance_id) FROM ent)";

        // The common delivery: one message with small data to an existing (orchestration) instance; dropped when it is
        // missing or terminal. Returns the target's kind bit when delivered. $1 target, $2 target execution, $3 visible
        // at, $4-$16 the event (kind, task id, ts, name, data, failure, ref instance, execution, fire at, parent
        // instance, parent execution, parent task id, request id).
        SendOne =
            $"INSERT INTO {s}.inbox (instance_id, instance_kind, target_execution_id, visible_at, kind, task_id, ts, name, data, failure, " +
            "ref_instance_id, execution_id, fire_at, parent_instance_id, parent_execution_id, parent_task_id, request_id) " +
            $"SELECT i.instance_id, i.kind, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16 FROM {s}.instances i " +
            $"WHERE i.instance_id = $1 AND i.status NOT IN {Terminal} RETURNING 1 << instance_kind";

        // Walks visible messages in delivery order (ix_inbox_ready) of instances whose lease is free or expired, then
        // row-locks the first $4 distinct ones, oldest work first, skipping rows another transaction holds (the lock
        // re-checks the lease on the row's latest version). $1 kind, $2 now, $3 messages to scan, $4 max items,
        // $5 owner, $6 lease end.
        LockInstances =
            $"WITH cand AS (SELECT m.instance_id, m.visible_at, m.seq FROM {s}.inbox m JOIN {s}.instances i ON i.instance_id = m.instance_id " +
            $"WHERE m.instance_kind = $1 AND m.visible_at <= $2 AND i.lock_expiry <= $2 AND i.status NOT IN {Terminal} " +
            "ORDER BY m.visible_at, m.seq LIMIT $3), " +
            "ordered AS (SELECT array_agg(instance_id ORDER BY v, q) AS ids FROM (SELECT instance_id, min(visible_at) AS v, min(seq) AS q " +
            "FROM cand GROUP BY instance_id) g), " +
            $"chosen AS (SELECT i.instance_id, array_position(o.ids, i.instance_id) AS pos FROM ordered o, {s}.instances i " +
            $"WHERE i.instance_id = ANY(o.ids) AND i.lock_expiry <= $2 AND i.status NOT IN {Terminal} " +
            "ORDER BY 2 LIMIT $4 FOR UPDATE OF i SKIP LOCKED), " +
            $"locked AS (UPDATE {s}.instances i SET lock_owner = $5, lock_expiry = $6, dequeue_count = i.dequeue_count + 1 " +
            "FROM chosen c WHERE i.instance_id = c.instance_id RETURNING i.*, c.pos::bigint AS order_v, 0::bigint AS order_q) " +
            LockedItems(s);

        NextVisible =
            $"SELECT m.visible_at FROM {s}.inbox m JOIN {s}.instances i ON i.instance_id = m.instance_id " +
            $"WHERE m.instance_kind = $1 AND m.visible_at > $2 AND i.status NOT IN {Terminal} ORDER BY m.visible_at LIMIT 1";

        // Eager episode dispatch: locks one instance when it is of the kind, active, not leased and not row-locked.
        // $1 id, $2 now, $3 kind, $4 owner, $5 lease end.
        // Two small statements: the lock (returns the instance row when taken), then its visible messages when the lock
        // is ours (the row's owner and lease end are the ones just written).
        TryLockInstance =
            $"WITH c AS (SELECT instance_id FROM {s}.instances WHERE instance_id = $1 AND kind = $3 AND lock_expiry <= $2 " +
            $"AND status NOT IN {Terminal} FOR UPDATE SKIP LOCKED) " +
            $"UPDATE {s}.instances i SET lock_owner = $4, lock_expiry = $5, dequeue_count = i.dequeue_count + 1 " +
            $"FROM c WHERE i.instance_id = c.instance_id RETURNING {InstanceColumns("i", s)}";
        LockedMessages =
            $"SELECT m.seq, m.target_execution_id, {SelectEvent("m", s)} FROM {s}.inbox m WHERE m.instance_id = $1 AND m.visible_at <= $2 " +
            $"AND EXISTS (SELECT 1 FROM {s}.instances i WHERE i.instance_id = $1 AND i.lock_owner = $3 AND i.lock_expiry = $4) ORDER BY m.seq";

        AbandonInstance =
            $"UPDATE {s}.instances SET lock_owner = NULL, lock_expiry = 0, last_error = $3 WHERE instance_id = $1 AND lock_owner = $2 RETURNING kind";

        RenewInstance = $"UPDATE {s}.instances SET lock_expiry = $3 WHERE instance_id = $1 AND lock_owner = $2";

        // The instance update of a checkpoint (see Checkpoint). $1 id, $2 status, $3 execution, $4-$6 input, $7-$9 output,
        // $10-$12 custom status, $13 failure, $14 now, $15 terminal, $16 new history count, $17 owner, $18 replace history,
        // $19 expected history count.
        _guardUpdate =
            $"UPDATE {s}.instances SET status = $2, execution_id = COALESCE($3, execution_id), " +
            "input = CASE WHEN $4 THEN $5 ELSE input END, input_hash = CASE WHEN $4 THEN $6 ELSE input_hash END, " +
            "output = CASE WHEN $7 THEN $8 ELSE output END, output_hash = CASE WHEN $7 THEN $9 ELSE output_hash END, " +
            "custom_status = CASE WHEN $10 THEN $11 ELSE custom_status END, custom_status_hash = CASE WHEN $10 THEN $12 ELSE custom_status_hash END, " +
            "failure = CASE WHEN $13 IS NOT NULL THEN $13 WHEN $2 = 4 THEN failure ELSE NULL END, updated_at = $14, " +
            "completed_at = CASE WHEN $15 THEN COALESCE(completed_at, $14) ELSE NULL END, " +
            "lock_owner = NULL, lock_expiry = 0, dequeue_count = 0, last_error = NULL, history_count = $16 " +
            "WHERE instance_id = $1 AND lock_owner = $17 AND ($18 OR history_count = $19) RETURNING kind";
        _schema = s;
        _checkpoints = new string?[12];

        InsertPayloads =
            $"INSERT INTO {s}.payloads (instance_id, hash, data, size) SELECT * FROM unnest($1::text[], $2::bytea[], $3::text[], $4::integer[]) " +
            "ON CONFLICT (instance_id, hash) DO NOTHING";

        DeleteHistory = $"DELETE FROM {s}.history WHERE instance_id = $1";

        AppendHistory = InsertHistory(s, 2);

        DeleteConsumed = $"DELETE FROM {s}.inbox WHERE instance_id = $1 AND seq = ANY($2)";

        DeleteInbox = $"DELETE FROM {s}.inbox WHERE instance_id = $1";

        // Continue-as-new: first lock the instance's payload rows (waits for senders that are referencing one), then, in a
        // later statement that sees their messages, delete the ones nothing refers to.
        LockPayloads = $"SELECT count(*) FROM (SELECT 1 FROM {s}.payloads WHERE instance_id = $1 FOR UPDATE) x";
        CollectPayloads =
            $"DELETE FROM {s}.payloads p WHERE p.instance_id = $1 " +
            $"AND NOT EXISTS (SELECT 1 FROM {s}.history h WHERE h.instance_id = $1 AND h.data_hash = p.hash) " +
            $"AND NOT EXISTS (SELECT 1 FROM {s}.inbox m WHERE m.instance_id = $1 AND m.data_hash = p.hash) " +
            $"AND NOT EXISTS (SELECT 1 FROM {s}.activities a WHERE a.instance_id = $1 AND a.input_hash = p.hash) " +
            $"AND NOT EXISTS (SELECT 1 FROM {s}.instances i WHERE i.instance_id = $1 AND p.hash IN (i.input_hash, i.output_hash, i.custom_status_hash))";

        LockActivities =
            $"WITH c AS (SELECT id FROM {s}.activities WHERE lock_expiry <= $1 ORDER BY lock_expiry, id LIMIT $2 FOR UPDATE SKIP LOCKED), " +
            $"u AS (UPDATE {s}.activities a SET lock_owner = $3, lock_expiry = $4, dequeue_count = a.dequeue_count + 1 FROM c WHERE a.id = c.id " +
            "RETURNING a.id, a.instance_id, a.execution_id, a.task_id, a.name, a.input, a.input_hash, a.dequeue_count, a.last_error) " +
            $"SELECT u.id, u.instance_id, u.execution_id, u.task_id, u.name, {Resolved("u", "input", s)}, u.dequeue_count, u.last_error " +
            "FROM u ORDER BY u.id";

        // Deletes the caller's locked activity; lease_lost aborts the batch when it is not (or no longer) the caller's.
        DeleteLockedActivity =
            $"WITH d AS (DELETE FROM {s}.activities WHERE id = $1 AND lock_owner = $2 RETURNING id) " +
            $"SELECT 1 FROM d UNION ALL SELECT {s}.lease_lost('activity') WHERE NOT EXISTS (SELECT 1 FROM d)";

        // The common completion in one statement: the guarded delete of the activity and the delivery of its small result
        // to an existing (orchestration) instance. Returns the kind bit it delivered to (0 when the orchestration is gone);
        // lease_lost aborts it when the activity is not the caller's. $1 activity id, $2 owner, $3 instance, $4 execution,
        // $5 now, $6-$18 the event (as SendOne's $4-$16).
        var completeCore =
            $"WITH d AS (DELETE FROM {s}.activities WHERE id = $1 AND lock_owner = $2 RETURNING id), " +
            $"ins AS (INSERT INTO {s}.inbox (instance_id, instance_kind, target_execution_id, visible_at, kind, task_id, ts, name, data, failure, " +
            "ref_instance_id, execution_id, fire_at, parent_instance_id, parent_execution_id, parent_task_id, request_id) " +
            $"SELECT i.instance_id, i.kind, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18 FROM {s}.instances i " +
            $"WHERE i.instance_id = $3 AND i.status NOT IN {Terminal} AND EXISTS (SELECT 1 FROM d) RETURNING instance_kind)";
        var completeResult =
            $"CASE WHEN EXISTS (SELECT 1 FROM d) THEN COALESCE((SELECT 1 << instance_kind FROM ins), 0) ELSE {s}.lease_lost('activity') END";
        CompleteOne = completeCore + " SELECT " + completeResult;

        // The same, and (eager episode dispatch) the lock of the orchestration when it got the result and is of kind $19,
        // free and not row-locked: one row, the kind bit then the instance's columns (NULL when not locked); its messages
        // come from LockedMessages. $20 owner, $21 lease end.
        CompleteOneAndLock =
            completeCore + ", " +
            $"c AS (SELECT instance_id FROM {s}.instances WHERE instance_id = $3 AND kind = $19 AND lock_expiry <= $5 " +
            $"AND status NOT IN {Terminal} AND EXISTS (SELECT 1 FROM ins) FOR UPDATE SKIP LOCKED), " +
            $"l AS (UPDATE {s}.instances x SET lock_owner = $20, lock_expiry = $21, dequeue_count = x.dequeue_count + 1 FROM c " +
            $"WHERE x.instance_id = c.instance_id RETURNING {InstanceColumns("x", s)}) " +
            $"SELECT {completeResult}, l.* FROM (SELECT 1) AS one LEFT JOIN l ON true";

        AbandonActivity = $"UPDATE {s}.activities SET lock_owner = NULL, lock_expiry = 0, last_error = $3 WHERE id = $1 AND lock_owner = $2";

        RenewActivity =
            $"WITH u AS (UPDATE {s}.activities SET lock_expiry = $3 WHERE id = $1 AND lock_owner = $2 RETURNING instance_id, execution_id) " +
            $"SELECT EXISTS (SELECT 1 FROM u), EXISTS (SELECT 1 FROM u JOIN {s}.instances i ON i.instance_id = u.instance_id " +
            $"WHERE i.status NOT IN {Terminal} AND i.execution_id = u.execution_id)";

        InsertPoison =
            $"INSERT INTO {s}.poison (instance_id, work_type, name, dequeue_count, reason, failure, content, parked_at) " +
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";

        LockForPark =
            $"SELECT kind, parent_instance_id, parent_execution_id, parent_task_id FROM {s}.instances WHERE instance_id = $1 AND lock_owner = $2 FOR UPDATE";

        TakeAllMessages =
            $"WITH d AS (DELETE FROM {s}.inbox WHERE instance_id = $1 RETURNING *) SELECT d.seq, d.target_execution_id, {SelectEvent("d", s)} FROM d ORDER BY d.seq";

        TakeMessages =
            $"WITH d AS (DELETE FROM {s}.inbox WHERE instance_id = $1 AND seq = ANY($2) RETURNING *) " +
            $"SELECT d.seq, d.target_execution_id, {SelectEvent("d", s)} FROM d ORDER BY d.seq";

        ReleaseParkedEntity =
            $"UPDATE {s}.instances SET lock_owner = NULL, lock_expiry = 0, dequeue_count = 0, last_error = NULL WHERE instance_id = $1";

        FailParkedOrchestration =
            $"UPDATE {s}.instances SET status = 4, failure = $2, updated_at = $3, completed_at = $3, lock_owner = NULL, lock_expiry = 0, " +
            "dequeue_count = 0, last_error = NULL WHERE instance_id = $1";

        // Deletes up to $4 terminal instances of the statuses and creation range, with everything they own.
        PurgeBatch =
            $"WITH old AS (DELETE FROM {s}.instances WHERE instance_id IN (SELECT instance_id FROM {s}.instances WHERE status = ANY($1) " +
            "AND created_at >= $2 AND created_at < $3 ORDER BY created_at LIMIT $4 FOR UPDATE) " +
            $"AND status IN {Terminal} RETURNING instance_id), " +
            $"h AS (DELETE FROM {s}.history WHERE instance_id = ANY(ARRAY(SELECT instance_id FROM old))), " +
            $"m AS (DELETE FROM {s}.inbox WHERE instance_id = ANY(ARRAY(SELECT instance_id FROM old))), " +
            $"x AS (DELETE FROM {s}.activities WHERE instance_id = ANY(ARRAY(SELECT instance_id FROM old))), " +
            $"p AS (DELETE FROM {s}.payloads WHERE instance_id = ANY(ARRAY(SELECT instance_id FROM old))) " +
            "SELECT instance_id FROM old";

        Poison = $"SELECT instance_id AS InstanceId, work_type AS WorkType, name AS Name, dequeue_count AS DequeueCount, reason AS Reason, parked_at AS ParkedAt FROM {s}.poison ORDER BY id";

        Diagnostics =
            $"SELECT (SELECT count(*) FROM {s}.history WHERE instance_id = $1)::integer, " +
            $"(SELECT COALESCE(sum(COALESCE(octet_length(data), 0) + COALESCE(octet_length(data_hash), 0)), 0) FROM {s}.history WHERE instance_id = $1)::bigint, " +
            $"(SELECT count(*) FROM {s}.payloads WHERE instance_id = $1)::integer, " +
            $"(SELECT COALESCE(sum(size), 0) FROM {s}.payloads WHERE instance_id = $1)::bigint, " +
            $"(SELECT count(*) FROM {s}.inbox WHERE instance_id = $1)::integer, " +
            $"(SELECT count(*) FROM {s}.activities WHERE instance_id = $1)::integer, " +
            $"l.lock_owner, l.lock_expiry FROM (SELECT NULL) AS one LEFT JOIN LATERAL (" +
            $"SELECT lock_owner, lock_expiry FROM {s}.instances WHERE instance_id = $1 AND lock_expiry > 0 " +
            $"UNION ALL SELECT lock_owner, lock_expiry FROM {s}.activities WHERE instance_id = $1 AND lock_expiry > 0 " +
            "ORDER BY lock_expiry DESC LIMIT 1) AS l ON true";

        QueryPrefix = $"SELECT {InstanceColumns("i", s)} FROM {s}.instances i WHERE true";
    }

    private readonly string _schema;
    private readonly string _guardUpdate;
    private readonly string?[] _checkpoints;

    /// <summary>The quoted schema name.</summary>
    public string Schema { get; }

    /// <summary>The LISTEN/NOTIFY channel of this schema (the schema name is part of it: task hubs never hear each other).</summary>
    public string Channel { get; }

    public string InstanceById { get; }

    public string History { get; }

    public string DeleteTerminal { get; }

    public string CreateInstance { get; }

    public string CreateSimple { get; }

    public string SendOne { get; }

    public string LockedMessages { get; }

    public string Send { get; }

    public string LockInstances { get; }

    public string NextVisible { get; }

    public string TryLockInstance { get; }

    public string AbandonInstance { get; }

    public string RenewInstance { get; }

    public string CompleteOne { get; }

    public string CompleteOneAndLock { get; }

    public string InsertPayloads { get; }

    public string DeleteHistory { get; }

    public string AppendHistory { get; }

    public string DeleteConsumed { get; }

    public string DeleteInbox { get; }

    public string LockPayloads { get; }

    public string CollectPayloads { get; }

    public string LockActivities { get; }

    public string DeleteLockedActivity { get; }

    public string AbandonActivity { get; }

    public string RenewActivity { get; }

    public string InsertPoison { get; }

    public string LockForPark { get; }

    public string TakeAllMessages { get; }

    public string TakeMessages { get; }

    public string ReleaseParkedEntity { get; }

    public string FailParkedOrchestration { get; }

    public string PurgeBatch { get; }

    public string Poison { get; }

    public string Diagnostics { get; }

    public string QueryPrefix { get; }

    /// <summary>What a checkpoint does with the instance's inbox.</summary>
    internal enum InboxCleanup
    {
        None = 0,
        Consumed = 1,
        All = 2,
    }

    /// <summary>The checkpoint's core as ONE statement (data-modifying CTEs): the instance update, which doubles as the
    /// ownership check (owner and history length; when it matches nothing, lease_lost aborts the statement and so the
    /// batch), the appended history, the consumed (or, when terminal, all) messages deleted and the activities queued
    /// (the first ones already locked). Returns one row: the instance kind, whether messages other than the consumed
    /// ones are visible (they arrived while it was locked) and the ids of the activities it locked.</summary>
    /// <remarks>Parameters: the instance update's $1-$19, $20 the consumed sequences; with history $21 the first
    /// position and $22-$35 the event arrays (as <see cref="AppendHistory"/>); with activities then the eager count, the
    /// owner, the lease end and six arrays: instance, execution, task id, name, input, input hash (created at is $14).</remarks>
    public string Checkpoint(bool history, InboxCleanup inbox, bool activities)
    {
        var key = (history ? 6 : 0) + ((int)inbox * 2) + (activities ? 1 : 0);
        return _checkpoints[key] ??= Build();

        string Build()
        {
            var s = _schema;
            var sql = new System.Text.StringBuilder("WITH u AS (").Append(_guardUpdate).Append(')');
            var next = 21;
            if (history)
            {
                sql.Append(", h AS (").Append(InsertHistory(s, 21)).Append(')');
                next = 36;
            }

            if (inbox == InboxCleanup.Consumed)
            {
                sql.Append($", d AS (DELETE FROM {s}.inbox WHERE instance_id = $1 AND seq = ANY($20))");
            }
            else if (inbox == InboxCleanup.All)
            {
                sql.Append($", d AS (DELETE FROM {s}.inbox WHERE instance_id = $1)");
            }

            if (activities)
            {
                string P(int offset) => "$" + (next + offset).ToString(System.Globalization.CultureInfo.InvariantCulture);
                sql.Append($", a AS (INSERT INTO {s}.activities (instance_id, execution_id, task_id, name, input, input_hash, created_at, lock_owner, lock_expiry, dequeue_count) ")
                    .Append($"SELECT a.instance_id, a.execution_id, a.task_id, a.name, a.input, a.input_hash, $14, CASE WHEN a.o <= {P(0)} THEN {P(1)} END, ")
                    .Append($"CASE WHEN a.o <= {P(0)} THEN {P(2)} ELSE 0 END, CASE WHEN a.o <= {P(0)} THEN 1 ELSE 0 END ")
                    .Append($"FROM unnest({P(3)}::text[], {P(4)}::text[], {P(5)}::integer[], {P(6)}::text[], {P(7)}::text[], {P(8)}::bytea[]) WITH ORDINALITY ")
                    .Append("AS a(instance_id, execution_id, task_id, name, input, input_hash, o) ORDER BY a.o RETURNING id, lock_owner IS NOT NULL AS locked)");
            }

            sql.Append($" SELECT kind, EXISTS (SELECT 1 FROM {s}.inbox WHERE instance_id = $1 AND visible_at <= $14 AND seq <> ALL($20)), ")
                .Append(activities ? "(SELECT array_agg(id ORDER BY id) FROM a WHERE locked)" : "NULL::bigint[]")
                .Append($" FROM u UNION ALL SELECT {s}.lease_lost(CASE WHEN EXISTS (SELECT 1 FROM {s}.instances WHERE instance_id = $1 AND lock_owner = $17) ")
                .Append("THEN 'history' ELSE 'lock' END), false, NULL::bigint[] WHERE NOT EXISTS (SELECT 1 FROM u)");
            return sql.ToString();
        }
    }

    /// <summary>Inserts events at consecutive positions: $<paramref name="position"/> is the first position, the next 14
    /// parameters are the event arrays (kind, task id, ts, name, data, data hash, failure, ref instance, execution, fire at,
    /// parent instance, parent execution, parent task id, request id); $1 is the instance id.</summary>
    private static string InsertHistory(string schema, int position)
    {
        string P(int offset) => "$" + (position + offset).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return $"INSERT INTO {schema}.history (instance_id, position, {EventColumns}) " +
            $"SELECT $1, {P(0)} + e.o::integer - 1, e.kind, e.task_id, e.ts, e.name, e.data, e.data_hash, e.failure, e.ref_instance_id, " +
            "e.execution_id, e.fire_at, e.parent_instance_id, e.parent_execution_id, e.parent_task_id, e.request_id " +
            $"FROM unnest({P(1)}::integer[], {P(2)}::integer[], {P(3)}::bigint[], {P(4)}::text[], {P(5)}::text[], {P(6)}::bytea[], " +
            $"{P(7)}::text[], {P(8)}::text[], {P(9)}::text[], {P(10)}::bigint[], {P(11)}::text[], {P(12)}::text[], {P(13)}::integer[], " +
            $"{P(14)}::text[]) WITH ORDINALITY AS e(kind, task_id, ts, name, data, data_hash, failure, ref_instance_id, execution_id, " +
            "fire_at, parent_instance_id, parent_execution_id, parent_task_id, request_id, o)";
    }

    /// <summary>Instance columns (payloads resolved) then lock columns: 20 values, read by <see cref="PostgresRows.Instance"/>.</summary>
    internal static string InstanceColumns(string alias, string schema) =>
        $"{alias}.instance_id, {alias}.kind, {alias}.name, {alias}.execution_id, {alias}.status, " +
        $"{Resolved(alias, "input", schema)} AS input, {Resolved(alias, "output", schema)} AS output, " +
        $"{Resolved(alias, "custom_status", schema)} AS custom_status, " +
        $"{alias}.failure, {alias}.created_at, {alias}.updated_at, {alias}.completed_at, {alias}.parent_instance_id, " +
        $"{alias}.parent_execution_id, {alias}.parent_task_id, {alias}.lock_owner, {alias}.lock_expiry, {alias}.dequeue_count, " +
        $"{alias}.last_error, {alias}.history_count";

    /// <summary>The 13 event columns of a history or inbox row (data resolved), read by <see cref="PostgresRows.Event"/>.</summary>
    internal static string SelectEvent(string alias, string schema) =>
        $"{alias}.kind, {alias}.task_id, {alias}.ts, {alias}.name, {Resolved(alias, "data", schema)}, {alias}.failure, " +
        $"{alias}.ref_instance_id, {alias}.execution_id, {alias}.fire_at, {alias}.parent_instance_id, {alias}.parent_execution_id, " +
        $"{alias}.parent_task_id, {alias}.request_id";

    private static string Resolved(string alias, string column, string schema) =>
        $"CASE WHEN {alias}.{column}_hash IS NULL THEN {alias}.{column} ELSE (SELECT p.data FROM {schema}.payloads p " +
        $"WHERE p.instance_id = {alias}.instance_id AND p.hash = {alias}.{column}_hash) END";

    // The rows of freshly locked instances (CTE "locked"; $2 is now): the instance columns, then one row per visible
    // message in delivery order (an instance without any still yields one row). Large instance values are sent on the
    // first row of each instance only.
    private static string LockedItems(string s) =>
        "SELECT l.instance_id, l.kind, l.name, l.execution_id, l.status, " +
        $"CASE WHEN m.rn IS NULL OR m.rn = 1 THEN {Resolved("l", "input", s)} END, " +
        $"CASE WHEN m.rn IS NULL OR m.rn = 1 THEN {Resolved("l", "output", s)} END, " +
        $"CASE WHEN m.rn IS NULL OR m.rn = 1 THEN {Resolved("l", "custom_status", s)} END, " +
        "l.failure, l.created_at, l.updated_at, l.completed_at, l.parent_instance_id, l.parent_execution_id, l.parent_task_id, " +
        "l.lock_owner, l.lock_expiry, l.dequeue_count, l.last_error, l.history_count, " +
        $"m.seq, m.target_execution_id, {SelectEvent("m", s)} " +
        "FROM locked l LEFT JOIN LATERAL (SELECT x.*, row_number() OVER (ORDER BY x.seq) AS rn " +
        $"FROM {s}.inbox x WHERE x.instance_id = l.instance_id AND x.visible_at <= $2 ORDER BY x.seq) m ON true " +
        "ORDER BY l.order_v, l.order_q, l.instance_id, m.seq";
}

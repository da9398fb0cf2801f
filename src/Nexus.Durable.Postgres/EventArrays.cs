using Nexus.Durable.History;
using Npgsql;
using P = Nexus.Durable.Postgres.PostgresParameters;

namespace Nexus.Durable.Postgres;

/// <summary>Events as column arrays (one array per event column), bound to statements that <c>unnest</c> them: a
/// statement's text stays the same for any number of events, and many events cost one statement.</summary>
internal sealed class EventArrays
{
    private readonly int[] _kind;
    private readonly int[] _taskId;
    private readonly long[] _ts;
    private readonly string?[] _name;
    private readonly string?[] _data;
    private readonly byte[]?[] _hash;
    private readonly int[] _size;
    private readonly string?[] _failure;
    private readonly string?[] _ref;
    private readonly string?[] _execution;
    private readonly long?[] _fireAt;
    private readonly string?[] _parentInstance;
    private readonly string?[] _parentExecution;
    private readonly int?[] _parentTask;
    private readonly string?[] _request;
    private int _count;

    public EventArrays(int capacity)
    {
        _kind = new int[capacity];
        _taskId = new int[capacity];
        _ts = new long[capacity];
        _name = new string?[capacity];
        _data = new string?[capacity];
        _hash = new byte[]?[capacity];
        _size = new int[capacity];
        _failure = new string?[capacity];
        _ref = new string?[capacity];
        _execution = new string?[capacity];
        _fireAt = new long?[capacity];
        _parentInstance = new string?[capacity];
        _parentExecution = new string?[capacity];
        _parentTask = new int?[capacity];
        _request = new string?[capacity];
    }

    /// <summary>Adds an event whose data is stored as <paramref name="data"/>. With <paramref name="keepPayloadText"/>
    /// the data column carries the full text even for a reference (the statement stores the payload itself).</summary>
    public void Add(HistoryEvent e, StoredValue data, bool keepPayloadText)
    {
        var i = _count++;
        _kind[i] = (int)e.Kind;
        _taskId[i] = e.TaskId;
        _ts[i] = e.Timestamp.UtcTicks;
        _name[i] = e.Name;
        _data[i] = keepPayloadText ? data.Text : data.Inline;
        _hash[i] = data.Hash;
        _size[i] = data.Size;
        _failure[i] = PostgresJsonContext.Write(e.Failure);
        _ref[i] = e.InstanceId;
        _execution[i] = e.ExecutionId;
        _fireAt[i] = e.FireAt?.UtcTicks;
        _parentInstance[i] = e.Parent?.InstanceId;
        _parentExecution[i] = e.Parent?.ExecutionId;
        _parentTask[i] = e.Parent?.TaskId;
        _request[i] = e.RequestId;
    }

    /// <summary>The 14 history columns: kind … request id (data inline, hash separate).</summary>
    public IEnumerable<NpgsqlParameter> HistoryParameters()
    {
        yield return P.Ints(_kind);
        yield return P.Ints(_taskId);
        yield return P.Longs(_ts);
        yield return P.Texts(_name);
        yield return P.Texts(_data);
        yield return P.ByteArrays(_hash);
        yield return P.Texts(_failure);
        yield return P.Texts(_ref);
        yield return P.Texts(_execution);
        yield return P.Longs(_fireAt);
        yield return P.Texts(_parentInstance);
        yield return P.Texts(_parentExecution);
        yield return P.Ints(_parentTask);
        yield return P.Texts(_request);
    }

    /// <summary>The 15 message event columns of <see cref="PostgresSql.Send"/>: kind, task id, ts, name, data, hash, size, failure … request id.</summary>
    public IEnumerable<NpgsqlParameter> MessageParameters()
    {
        yield return P.Ints(_kind);
        yield return P.Ints(_taskId);
        yield return P.Longs(_ts);
        yield return P.Texts(_name);
        yield return P.Texts(_data);
        yield return P.ByteArrays(_hash);
        yield return P.Ints(_size);
        yield return P.Texts(_failure);
        yield return P.Texts(_ref);
        yield return P.Texts(_execution);
        yield return P.Longs(_fireAt);
        yield return P.Texts(_parentInstance);
        yield return P.Texts(_parentExecution);
        yield return P.Ints(_parentTask);
        yield return P.Texts(_request);
    }
}

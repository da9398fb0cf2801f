namespace Nexus.Durable.Postgres;

/// <summary>Large values an operation stores for its own instance(s), inserted by one statement (ON CONFLICT DO NOTHING:
/// a value stored twice for an instance is kept once).</summary>
internal sealed class PayloadRows
{
    private readonly List<string> _instances = [];
    private readonly List<byte[]> _hashes = [];
    private readonly List<string> _data = [];
    private readonly List<int> _sizes = [];

    public int Count => _instances.Count;

    /// <summary>Returns <paramref name="value"/> as stored, recording its payload row when it is a reference.</summary>
    public StoredValue Add(string instanceId, StoredValue value)
    {
        if (value.Hash is not null)
        {
            _instances.Add(instanceId);
            _hashes.Add(value.Hash);
            _data.Add(value.Payload!);
            _sizes.Add(value.Size);
        }

        return value;
    }

    public void AddTo(PostgresBatch batch, PostgresSql sql)
    {
        if (Count > 0)
        {
            batch.Add(
                sql.InsertPayloads,
                PostgresParameters.Texts([.. _instances]),
                PostgresParameters.ByteArrays([.. _hashes]),
                PostgresParameters.Texts([.. _data]),
                PostgresParameters.Ints([.. _sizes]));
        }
    }
}

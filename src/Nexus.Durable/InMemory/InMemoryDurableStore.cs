using Nexus.Durable.History;
using Nexus.Durable.Internal;
using Nexus.Durable.Storage;

namespace Nexus.Durable.InMemory;

/// <summary>A store that keeps everything in memory: for tests and <see cref="Testing.DurableTestHost"/>.</summary>
/// <remarks>Implements the full <see cref="IDurableStore"/> contract under one lock; nothing survives the process.</remarks>
public sealed partial class InMemoryDurableStore : IDurableStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, InstanceEntry> _instances = new(StringComparer.Ordinal);
    private readonly SortedDictionary<long, ActivityEntry> _activities = [];
    private readonly List<PoisonRecord> _poison = [];
    private readonly AsyncSignal[] _workSignals = [new(), new(), new()];
    private readonly KeyedSignals _instanceSignals = new();
    private readonly TimeProvider _time;
    private readonly int _payloadThreshold;
    private long _sequence;

    /// <summary>Creates an empty store.</summary>
    public InMemoryDurableStore(InMemoryStoreOptions? options = null)
    {
        options ??= new InMemoryStoreOptions();
        _time = options.TimeProvider;
        _payloadThreshold = options.PayloadThresholdBytes;
    }

    /// <inheritdoc/>
    public ValueTask InitializeAsync(CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <inheritdoc/>
    public ValueTask WaitForWorkAsync(WorkKind kind, TimeSpan maxWait, CancellationToken cancellationToken = default) =>
        _workSignals[(int)kind].WaitAsync(maxWait, _time, cancellationToken);

    /// <inheritdoc/>
    public ValueTask WaitForInstanceChangeAsync(string instanceId, TimeSpan maxWait, CancellationToken cancellationToken = default) =>
        _instanceSignals.WaitAsync(instanceId, maxWait, _time, cancellationToken);

    private void Signal(WorkKind kind) => _workSignals[(int)kind].Set();

    private string? Intern(InstanceEntry entry, string? value)
    {
        if (value is null || value.Length <= _payloadThreshold / 3 || System.Text.Encoding.UTF8.GetByteCount(value) <= _payloadThreshold)
        {
            return value;
        }

        var hash = PayloadHash.Compute(value);
        entry.Payloads.TryAdd(hash, value);
        return PayloadHash.ToReference(hash);
    }

    private static string? Resolve(InstanceEntry entry, string? stored) =>
        PayloadHash.TryParseReference(stored, out var hash) ? entry.Payloads[hash] : stored;

    private HistoryEvent Intern(InstanceEntry entry, HistoryEvent e) =>
        e.Data is { } data ? e with { Data = Intern(entry, data) } : e;

    private static HistoryEvent Resolve(InstanceEntry entry, HistoryEvent e) =>
        PayloadHash.TryParseReference(e.Data, out _) ? e with { Data = Resolve(entry, e.Data) } : e;

    private static InstanceRecord Resolve(InstanceEntry entry) => entry.Record with
    {
        Input = Resolve(entry, entry.Record.Input),
        Output = Resolve(entry, entry.Record.Output),
        CustomStatus = Resolve(entry, entry.Record.CustomStatus),
    };
}

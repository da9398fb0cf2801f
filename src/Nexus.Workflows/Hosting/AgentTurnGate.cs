using System.Collections.Concurrent;

namespace Nexus.Workflows.Hosting;

/// <summary>Limits how many agent turns (agent processes) run at once per backend in this process.</summary>
public sealed class AgentTurnGate
{
    private readonly ConcurrentDictionary<string, Gate> _gates = new(StringComparer.OrdinalIgnoreCase);
    private readonly int _limit;

    /// <summary>Creates the gate with <paramref name="limitPerBackend"/> slots per backend.</summary>
    public AgentTurnGate(int limitPerBackend)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limitPerBackend, 1);
        _limit = limitPerBackend;
    }

    /// <summary>The limit per backend.</summary>
    public int Limit => _limit;

    /// <summary>The most turns of <paramref name="backend"/> that ever ran at once.</summary>
    public int PeakOf(string backend) => _gates.TryGetValue(backend, out var gate) ? Volatile.Read(ref gate.Peak) : 0;

    /// <summary>Waits for a slot of <paramref name="backend"/>; dispose the result to give it back.</summary>
    public async Task<IDisposable> EnterAsync(string backend, CancellationToken cancellationToken = default)
    {
        var gate = _gates.GetOrAdd(backend, _ => new Gate(_limit));
        await gate.Slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        var now = Interlocked.Increment(ref gate.Running);
        int peak;
        while (now > (peak = Volatile.Read(ref gate.Peak)) && Interlocked.CompareExchange(ref gate.Peak, now, peak) != peak)
        {
        }

        return new Slot(gate);
    }

    // The semaphores live as long as the process (one per backend name); they never need their wait handle, so no disposal.
#pragma warning disable CA1001
    private sealed class Gate(int limit)
#pragma warning restore CA1001
    {
        public readonly SemaphoreSlim Slots = new(limit, limit);
        public int Running;
        public int Peak;
    }

    private sealed class Slot(Gate gate) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Interlocked.Decrement(ref gate.Running);
                gate.Slots.Release();
            }
        }
    }
}

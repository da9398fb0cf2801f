using System.Collections.Concurrent;
using System.Diagnostics;

namespace Nexus.Benchmarks.Diagnostics;

/// <summary>Durations (and item counts) of named operations, recorded from any thread.</summary>
internal sealed class CallStats
{
    private readonly ConcurrentDictionary<string, Series> _series = new(StringComparer.Ordinal);

    public void Record(string op, long startTimestamp, int items = -1) =>
        _series.GetOrAdd(op, static _ => new Series()).Add(Stopwatch.GetElapsedTime(startTimestamp).Ticks, items);

    public void RecordTicks(string op, long ticks, int items = -1) =>
        _series.GetOrAdd(op, static _ => new Series()).Add(ticks, items);

    public void Clear() => _series.Clear();

    /// <summary>A snapshot: op, count, total and percentiles (µs), mean items per call.</summary>
    public IReadOnlyList<OpSummary> Summaries() =>
        [.. _series.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value.Summarize(p.Key))];

    private sealed class Series
    {
        private readonly Lock _gate = new();
        private readonly List<long> _ticks = [];
        private long _items;
        private int _itemCalls;

        public void Add(long ticks, int items)
        {
            lock (_gate)
            {
                _ticks.Add(ticks);
                if (items >= 0)
                {
                    _items += items;
                    _itemCalls++;
                }
            }
        }

        public OpSummary Summarize(string op)
        {
            lock (_gate)
            {
                var us = _ticks.Select(t => t / 10.0).Order().ToArray();
                return new OpSummary(
                    op,
                    us.Length,
                    us.Sum() / 1000.0,
                    us.Length == 0 ? 0 : us.Average(),
                    Stats.Percentile(us, 0.5),
                    Stats.Percentile(us, 0.99),
                    us.Length == 0 ? 0 : us[^1],
                    _itemCalls == 0 ? null : (double)_items / _itemCalls);
            }
        }
    }
}

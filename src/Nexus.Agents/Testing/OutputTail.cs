using System.Text;

namespace Nexus.Agents.Testing;

/// <summary>Keeps the last lines of an output up to a byte budget (test summaries come at the end). Thread-safe.</summary>
internal sealed class OutputTail
{
    private readonly Queue<string> _lines = new();
    private readonly Lock _lock = new();
    private readonly int _limitBytes;
    private int _bytes;
    private int _dropped;

    public OutputTail(int limitBytes) => _limitBytes = limitBytes;

    public void Add(string line)
    {
        var size = Encoding.UTF8.GetByteCount(line) + 1;
        lock (_lock)
        {
            if (size > _limitBytes)
            {
                line = line[^Math.Min(line.Length, Math.Max(0, _limitBytes - 1))..];
                size = Encoding.UTF8.GetByteCount(line) + 1;
            }

            _lines.Enqueue(line);
            _bytes += size;
            while (_bytes > _limitBytes && _lines.Count > 0)
            {
                _bytes -= Encoding.UTF8.GetByteCount(_lines.Dequeue()) + 1;
                _dropped++;
            }
        }
    }

    /// <summary>The kept lines joined with <c>\n</c>; when lines were dropped, a first line says how many.</summary>
    public string Text(bool markDropped)
    {
        lock (_lock)
        {
            var builder = new StringBuilder();
            if (markDropped && _dropped > 0)
            {
                builder.Append("[… ").Append(_dropped).Append(" earlier lines not kept …]\n");
            }

            foreach (var line in _lines)
            {
                builder.Append(line).Append('\n');
            }

            return builder.ToString();
        }
    }
}

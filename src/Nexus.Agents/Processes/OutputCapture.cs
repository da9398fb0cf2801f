using System.Runtime.ExceptionServices;
using System.Text;

namespace Nexus.Agents.Processes;

/// <summary>Reads one output stream to its end: keeps a capped copy of the text and hands complete lines to a callback.</summary>
internal sealed class OutputCapture
{
    /// <summary>A single line longer than this is cut before it reaches the callback (protects memory from output without newlines).</summary>
    internal const int MaxLineChars = 4 << 20;

    private readonly StringBuilder _text = new();
    private readonly StringBuilder _line = new();
    private readonly int _limitBytes;
    private Action<string>? _onLine;
    private ExceptionDispatchInfo? _callbackError;
    private int _bytes;

    public OutputCapture(int limitBytes, Action<string>? onLine)
    {
        _limitBytes = limitBytes;
        _onLine = onLine;
    }

    /// <summary>The captured text (at most the byte limit).</summary>
    public string Text => _text.ToString();

    /// <summary><see langword="true"/> when some output was dropped.</summary>
    public bool Truncated { get; private set; }

    public async Task PumpAsync(Stream stream)
    {
        var decoder = Encoding.UTF8.GetDecoder();
        var bytes = new byte[16 * 1024];
        var chars = new char[Encoding.UTF8.GetMaxCharCount(bytes.Length)];
        while (true)
        {
            int read;
            try
            {
                read = await stream.ReadAsync(bytes).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException)
            {
                break;
            }

            if (read == 0)
            {
                break;
            }

            var count = decoder.GetChars(bytes, 0, read, chars, 0, flush: false);
            Accept(chars.AsSpan(0, count));
        }

        var tail = decoder.GetChars([], 0, 0, chars, 0, flush: true);
        Accept(chars.AsSpan(0, tail));
        if (_line.Length > 0)
        {
            EmitLine();
        }
    }

    /// <summary>Rethrows the first exception a line callback threw, if any.</summary>
    public void ThrowIfCallbackFailed() => _callbackError?.Throw();

    private void Accept(ReadOnlySpan<char> chunk)
    {
        if (chunk.IsEmpty)
        {
            return;
        }

        Keep(chunk);
        if (_onLine is null)
        {
            return;
        }

        while (!chunk.IsEmpty)
        {
            var newline = chunk.IndexOf('\n');
            var part = newline < 0 ? chunk : chunk[..newline];
            var room = MaxLineChars - _line.Length;
            _line.Append(part.Length <= room ? part : part[..room]);
            if (newline < 0)
            {
                break;
            }

            EmitLine();
            chunk = chunk[(newline + 1)..];
        }
    }

    private void Keep(ReadOnlySpan<char> chunk)
    {
        if (Truncated)
        {
            return;
        }

        var size = Encoding.UTF8.GetByteCount(chunk);
        if (_bytes + size <= _limitBytes)
        {
            _text.Append(chunk);
            _bytes += size;
            return;
        }

        // Take whole characters (never half a surrogate pair) until the budget is spent.
        var taken = 0;
        while (taken < chunk.Length)
        {
            var width = char.IsHighSurrogate(chunk[taken]) && taken + 1 < chunk.Length ? 2 : 1;
            var charBytes = Encoding.UTF8.GetByteCount(chunk.Slice(taken, width));
            if (_bytes + charBytes > _limitBytes)
            {
                break;
            }

            _bytes += charBytes;
            taken += width;
        }

        _text.Append(chunk[..taken]);
        Truncated = true;
    }

    private void EmitLine()
    {
        var length = _line.Length;
        if (length > 0 && _line[length - 1] == '\r')
        {
            length--;
        }

        var line = _line.ToString(0, length);
        _line.Clear();
        try
        {
            _onLine?.Invoke(line);
        }
        catch (Exception ex)
        {
            _callbackError ??= ExceptionDispatchInfo.Capture(ex);
            _onLine = null;
        }
    }
}

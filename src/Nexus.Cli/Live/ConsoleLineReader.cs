namespace Nexus.Cli.Live;

/// <summary>Reads lines typed on the terminal for the prompts. One read is outstanding at a time: a prompt abandoned by
/// Ctrl-C leaves its read pending, and the next prompt takes that read over instead of racing it for the next line.</summary>
internal sealed class ConsoleLineReader
{
    private Task<string?>? _pending;

    public static ConsoleLineReader Shared { get; } = new();

    /// <summary>The next line; <see langword="null"/> at the end of input.</summary>
    public async Task<string?> ReadLineAsync(CancellationToken cancellationToken = default)
    {
        _pending ??= Task.Run(Console.In.ReadLine, CancellationToken.None);
        var line = await _pending.WaitAsync(cancellationToken);
        _pending = null;
        return line;
    }

    /// <summary>The next line, or <see langword="null"/> when <paramref name="instead"/> completes first.</summary>
    public async Task<string?> ReadLineOrAsync(Task instead, CancellationToken cancellationToken = default)
    {
        _pending ??= Task.Run(Console.In.ReadLine, CancellationToken.None);
        var first = await Task.WhenAny(_pending, instead).WaitAsync(cancellationToken);
        return first == _pending ? await ReadLineAsync(cancellationToken) : null;
    }
}

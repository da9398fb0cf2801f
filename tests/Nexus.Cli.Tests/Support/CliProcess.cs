using System.Diagnostics;
using System.Text;

namespace Nexus.Cli.Tests.Support;

/// <summary>A running <c>dotnet nexus.dll …</c> child process: its output as it comes, signals, its exit.</summary>
internal sealed class CliProcess : IAsyncDisposable
{
    /// <summary>Variables a developer's shell may carry that would change what the CLI does; children start without them.</summary>
    private static readonly string[] _isolated =
    [
        "NEXUS_DATA", "NEXUS_CONFIG", "NEXUS_CLAUDE_PATH", "OPENAI_API_KEY", "OPENAI_BASE_URL", "ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN",
        "ANTHROPIC_BASE_URL", "AZURE_OPENAI_ENDPOINT", "AZURE_OPENAI_API_KEY", "AZURE_OPENAI_DEPLOYMENT", "OLLAMA_BASE_URL",
        "NEXUS_SERVER", "NEXUS_API_KEY",
    ];

    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Lock _gate = new();
    private readonly List<(Func<string, bool> Predicate, TaskCompletionSource<string> Found)> _waiters = [];
    private readonly Task _exited;

    private CliProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => OnLine(e.Data, _stdout, notify: true);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data, _stderr, notify: false);
        _process.Start();
        _process.StandardInput.Close(); // not a terminal: Ctrl-C never asks, it leaves the project to resume
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        _exited = _process.WaitForExitAsync(CancellationToken.None);
    }

    public int Id => _process.Id;

    public string Stdout
    {
        get
        {
            lock (_gate)
            {
                return _stdout.ToString();
            }
        }
    }

    public string Stderr
    {
        get
        {
            lock (_gate)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>Starts <c>nexus</c> with <paramref name="arguments"/> in <paramref name="workingDirectory"/>; <paramref name="environment"/>
    /// adds variables (a <see langword="null"/> value removes one).</summary>
    public static CliProcess Start(IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var info = new ProcessStartInfo(CliLocator.DotnetPath)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add(CliLocator.DllPath);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var name in _isolated)
        {
            info.Environment.Remove(name);
        }

        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["NO_COLOR"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }

        return new CliProcess(new Process { StartInfo = info });
    }

    /// <summary>Completes with the first stdout line (already written or still to come) that matches.</summary>
    public Task<string> WaitForLineAsync(Func<string, bool> predicate, CancellationToken cancellationToken)
    {
        var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            var existing = _stdout.ToString().Split('\n').FirstOrDefault(line => predicate(line.TrimEnd('\r')));
            if (existing is not null)
            {
                return Task.FromResult(existing.TrimEnd('\r'));
            }

            _waiters.Add((predicate, found));
        }

        return WaitAsync(found, cancellationToken);
    }

    /// <summary>Sends a POSIX signal (for example <c>INT</c>, as Ctrl-C does).</summary>
    public async Task SignalAsync(string signal, CancellationToken cancellationToken)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", [$"-{signal}", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        await kill.WaitForExitAsync(cancellationToken);
    }

    public async Task<CliResult> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await _exited.WaitAsync(cancellationToken);
        _process.WaitForExit(); // drains the redirected output
        return new CliResult(_process.ExitCode, Stdout, Stderr);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _exited;
        }

        _process.Dispose();
    }

    private async Task<string> WaitAsync(TaskCompletionSource<string> found, CancellationToken cancellationToken)
    {
        var first = await Task.WhenAny(found.Task, _exited).WaitAsync(cancellationToken);
        if (first != found.Task)
        {
            // It ended without the line; output may still be draining.
            _process.WaitForExit();
            return found.Task.IsCompleted ? await found.Task : throw new InvalidOperationException($"nexus exited ({_process.ExitCode}) before the expected line.\n{Stdout}\n{Stderr}");
        }

        return await found.Task;
    }

    private void OnLine(string? line, StringBuilder buffer, bool notify)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            buffer.Append(line).Append('\n');
            if (!notify)
            {
                return;
            }

            foreach (var waiter in _waiters.Where(w => w.Predicate(line)).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Found.TrySetResult(line);
            }
        }
    }
}

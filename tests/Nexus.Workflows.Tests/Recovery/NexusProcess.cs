using System.Diagnostics;
using System.Text;

namespace Nexus.Workflows.Tests.Recovery;

/// <summary>A running <c>nexus</c> child process, the leader of its own process group: waited for, or killed with everything it started.</summary>
internal sealed class NexusProcess : IAsyncDisposable
{
    private static readonly TimeSpan GoneTimeout = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private NexusProcess(Process process, string commandLine)
    {
        _process = process;
        CommandLine = commandLine;
        _process.OutputDataReceived += (_, e) => Append(_stdout, e.Data);
        _process.ErrorDataReceived += (_, e) => Append(_stderr, e.Data);
    }

    public string CommandLine { get; }

    public int Pid { get; private set; }

    /// <summary>Completes when the process has exited and its output has been read to the end.</summary>
    public Task Exited { get; private set; } = Task.CompletedTask;

    public int ExitCode => _process.ExitCode;

    public string Stdout => Read(_stdout);

    public string Stderr => Read(_stderr);

    /// <summary>The command, its output and its exit state, for assertion messages.</summary>
    public string Describe() =>
        $"`{CommandLine}` ({(_process.HasExited ? $"exit code {_process.ExitCode}" : "still running")})\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";

    /// <summary>Starts <paramref name="info"/> through <c>setsid</c>, so the child leads a new session and process group.</summary>
    public static NexusProcess Start(ProcessStartInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        var setsid = new ProcessStartInfo("setsid")
        {
            WorkingDirectory = info.WorkingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        setsid.ArgumentList.Add(info.FileName);
        foreach (var argument in info.ArgumentList)
        {
            setsid.ArgumentList.Add(argument);
        }

        setsid.Environment.Clear();
        foreach (var (name, value) in info.Environment)
        {
            setsid.Environment[name] = value;
        }

        var child = new NexusProcess(new Process { StartInfo = setsid }, string.Join(' ', info.ArgumentList.Skip(1)));
        child._process.Start();
        child.Pid = child._process.Id;
        child._process.StandardInput.Close(); // nothing to read: a headless run
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        child.Exited = child._process.WaitForExitAsync(CancellationToken.None);
        return child;
    }

    /// <summary>Waits for the exit; on timeout kills everything and throws with the output so far.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await Exited.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            await KillTreeAsync();
            throw new TimeoutException($"Gave up after {timeout}: {Describe()}");
        }

        return _process.ExitCode;
    }

    /// <summary>SIGKILLs the process, every process it started and their process groups (see <see cref="ProcessTree"/>), and
    /// waits until all of them are gone. Returns the ids of the killed descendants.</summary>
    public async Task<IReadOnlyList<int>> KillTreeAsync()
    {
        if (Pid == 0 || _process.HasExited)
        {
            return [];
        }

        var descendants = ProcessTree.KillAll(Pid);
        await Exited.WaitAsync(GoneTimeout);
        var deadline = DateTime.UtcNow + GoneTimeout;
        while (descendants.Any(ProcessTree.IsRunning))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Processes {string.Join(", ", descendants.Where(ProcessTree.IsRunning))} survived SIGKILL.");
            }

            await Task.Delay(20);
        }

        return descendants;
    }

    /// <summary>SIGKILLs this process ONLY (as a crash or the OOM killer would) and waits for its exit; returns what was
    /// running below it at that moment, so a test can check that none of it outlives the process.</summary>
    public async Task<IReadOnlyList<int>> KillOnlyAsync()
    {
        var descendants = ProcessTree.DescendantsOf(Pid);
        ProcessTree.KillOne(Pid);
        await Exited.WaitAsync(GoneTimeout);
        return descendants;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillTreeAsync();
        }
        finally
        {
            _process.Dispose();
        }
    }

    private static void Append(StringBuilder buffer, string? line)
    {
        if (line is not null)
        {
            lock (buffer)
            {
                buffer.AppendLine(line);
            }
        }
    }

    private static string Read(StringBuilder buffer)
    {
        lock (buffer)
        {
            return buffer.ToString();
        }
    }
}

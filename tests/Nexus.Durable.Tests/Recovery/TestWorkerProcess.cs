using System.Diagnostics;
using System.Text;

namespace Nexus.Durable.Tests.Recovery;

/// <summary>A running test worker child process (see tests/Nexus.Durable.TestWorker): started, then killed or stopped.</summary>
internal sealed class TestWorkerProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private TestWorkerProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => OnLine(e.Data, stderr: false);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data, stderr: true);
    }

    public int Pid { get; private set; }

    /// <summary>Completes when the process has exited.</summary>
    public Task Exited { get; private set; } = Task.CompletedTask;

    public int ExitCode => _process.ExitCode;

    /// <summary>Everything the process wrote (stdout and stderr), for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts a worker on the workspace's database and effects file and, unless <paramref name="waitForReady"/> is
    /// false, waits until it printed <c>ready</c> (a worker that crashes on purpose may die before it gets to print it).</summary>
    public static Task<TestWorkerProcess> StartAsync(
        RecoveryWorkspace workspace, IEnumerable<string> arguments, bool waitForReady = true, CancellationToken cancellationToken = default) =>
        StartAsync(workspace.Directory, ["--db", workspace.DatabasePath, "--effects", workspace.EffectsPath, .. arguments], waitForReady, cancellationToken);

    /// <summary>Starts a worker with exactly <paramref name="arguments"/> (store and effects file included) in
    /// <paramref name="directory"/>; see the other overload.</summary>
    public static async Task<TestWorkerProcess> StartAsync(
        string directory, IEnumerable<string> arguments, bool waitForReady = true, CancellationToken cancellationToken = default)
    {
        var info = new ProcessStartInfo(TestWorkerLocator.DotnetPath)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        info.ArgumentList.Add(TestWorkerLocator.DllPath);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var worker = new TestWorkerProcess(new Process { StartInfo = info });
        try
        {
            worker._process.Start();
            worker.Pid = worker._process.Id;
            worker.Exited = worker._process.WaitForExitAsync(CancellationToken.None);
            worker._process.BeginOutputReadLine();
            worker._process.BeginErrorReadLine();
            if (waitForReady)
            {
                await Task.WhenAny(worker._ready.Task, worker.Exited).WaitAsync(ReadyTimeout, cancellationToken);
                if (!worker._ready.Task.IsCompleted)
                {
                    worker._process.WaitForExit(); // the exit may be seen before the last output lines: drain them
                }

                if (!worker._ready.Task.IsCompleted)
                {
                    throw new InvalidOperationException($"The test worker exited before it was ready (exit code {worker._process.ExitCode}):\n{worker.Output}");
                }
            }

            return worker;
        }
        catch
        {
            await worker.DisposeAsync();
            throw;
        }
    }

    /// <summary>SIGKILLs the process (no graceful stop, leases left behind) and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await Exited.WaitAsync(StopTimeout);
    }

    /// <summary>Asks for a graceful stop (closes stdin) and waits for the exit; kills the process if it does not stop in time.</summary>
    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            _process.StandardInput.Close();
        }

        try
        {
            await Exited.WaitAsync(StopTimeout);
        }
        catch (TimeoutException)
        {
            await KillAsync();
            throw new TimeoutException($"The test worker did not stop within {StopTimeout} after stdin closed:\n{Output}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (Pid != 0 && !_process.HasExited)
            {
                await KillAsync();
            }
        }
        finally
        {
            _process.Dispose();
        }
    }

    private void OnLine(string? line, bool stderr)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Append(stderr ? "[stderr] " : string.Empty).AppendLine(line);
        }

        if (!stderr && line == "ready")
        {
            _ready.TrySetResult();
        }
    }
}

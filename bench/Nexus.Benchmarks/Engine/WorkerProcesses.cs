using System.Diagnostics;
using System.Reflection;

namespace Nexus.Benchmarks.Engine;

/// <summary>Child processes of this benchmark running <c>engine-worker</c> on a shared store: started together, each
/// warmed up and ready before <see cref="StartAsync"/> returns; disposing closes their stdin (a graceful stop) and waits.</summary>
internal sealed class WorkerProcesses : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(20);
    private readonly List<Process> _processes;

    private WorkerProcesses(List<Process> processes) => _processes = processes;

    public int Count => _processes.Count;

    public static async Task<WorkerProcesses> StartAsync(int count, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var list = arguments.ToList();
        var started = new List<Process>();
        var group = new WorkerProcesses(started);
        try
        {
            var ready = new List<Task>();
            for (var i = 0; i < count; i++)
            {
                var (process, isReady) = Start(list);
                started.Add(process);
                ready.Add(isReady);
            }

            await Task.WhenAll(ready).WaitAsync(ReadyTimeout, cancellationToken);
            return group;
        }
        catch
        {
            await group.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            try
            {
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // already gone
            }
        }

        foreach (var process in _processes)
        {
            using var timeout = new CancellationTokenSource(StopTimeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
            }

            process.Dispose();
        }
    }

    private static (Process Process, Task Ready) Start(IReadOnlyList<string> arguments)
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("The benchmark's own executable is unknown.");
        var info = new ProcessStartInfo(host)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (string.Equals(Path.GetFileNameWithoutExtension(host), "dotnet", StringComparison.Ordinal))
        {
            info.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        }

        info.ArgumentList.Add("engine-worker");
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start a worker process.");
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                ready.TrySetException(new InvalidOperationException($"Worker process {process.Id} exited before it was ready."));
            }
            else if (e.Data == "ready")
            {
                ready.TrySetResult();
            }
        };
        process.BeginOutputReadLine();
        return (process, ready.Task);
    }
}

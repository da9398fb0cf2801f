using System.Collections.Concurrent;
using System.Diagnostics;

namespace Nexus.Agents.Processes;

/// <summary>Starts processes from one thread that lives as long as this process.</summary>
/// <remarks>
/// A child that set <c>PR_SET_PDEATHSIG</c> (bubblewrap's <c>--die-with-parent</c>) is killed when the thread that forked
/// it ends, not only when the process ends. Thread-pool threads retire after a while of idleness, which would kill a long
/// agent turn half-way; this thread never retires, so the signal comes exactly when this process dies.
/// </remarks>
internal static class ProcessSpawner
{
    private static readonly BlockingCollection<(Process Process, TaskCompletionSource Started)> _queue = [];
    private static readonly Lazy<Thread> _thread = new(StartThread);

    /// <summary>Starts <paramref name="process"/> on the spawner thread; the task fails with what <see cref="Process.Start()"/> threw.</summary>
    public static Task StartAsync(Process process)
    {
        _ = _thread.Value;
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Add((process, started));
        return started.Task;
    }

    private static Thread StartThread()
    {
        var thread = new Thread(Run) { IsBackground = true, Name = "nexus-process-spawner" };
        thread.Start();
        return thread;
    }

    private static void Run()
    {
        foreach (var (process, started) in _queue.GetConsumingEnumerable())
        {
            try
            {
                process.Start();
                started.SetResult();
            }
            catch (Exception ex)
            {
                started.SetException(ex);
            }
        }
    }
}

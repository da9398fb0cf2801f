using System.Collections.Concurrent;

namespace Nexus.Agents.Processes;

/// <summary>Starts processes from one thread that lives as long as this process.</summary>
/// <remarks>
/// A child that set <c>PR_SET_PDEATHSIG</c> (bubblewrap's <c>--die-with-parent</c>) is killed when the thread that forked
/// it ends, not only when the process ends. Thread-pool threads retire after a while of idleness, which would kill a long
/// agent turn half-way; this thread never retires, so the signal comes exactly when this process dies. The start function
/// must fork synchronously (CliWrap's <c>ExecuteAsync</c> does: it calls <c>Process.Start</c> before it returns its task).
/// </remarks>
internal static class ProcessSpawner
{
    private static readonly BlockingCollection<Action> _queue = [];
    private static readonly Lazy<Thread> _thread = new(StartThread);

    /// <summary>Runs <paramref name="start"/> on the spawner thread; the task has its result or what it threw.</summary>
    public static Task<T> StartAsync<T>(Func<T> start)
    {
        _ = _thread.Value;
        var started = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Add(() =>
        {
            try
            {
                started.SetResult(start());
            }
            catch (Exception ex)
            {
                started.SetException(ex);
            }
        });
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
        foreach (var work in _queue.GetConsumingEnumerable())
        {
            work();
        }
    }
}

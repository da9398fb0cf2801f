using System.Globalization;
using Microsoft.DurableTask;
using Nexus.Durable.Activities;

namespace Nexus.Durable.TestWorker;

/// <summary>Records <c>start crash &lt;instance&gt; &lt;attempt&gt; &lt;pid&gt;</c>, then kills its own process: a poison message.</summary>
/// <remarks>It lingers a little first so that other work in the process (the tests schedule a normal instance alongside)
/// usually finishes before the process dies; a crash in the middle of it only delays it (its lease expires).
/// <paramref name="invocation"/> is what the engine knows of this run (the delivery attempt, the cancellation).</remarks>
internal sealed class CrashActivity(EffectsLog effects, WorkerArguments arguments, ActivityContext invocation) : TaskActivity<int, int>
{
    public const string Name = "Crash";

    private static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(300);

    public override async Task<int> RunAsync(TaskActivityContext context, int input)
    {
        effects.Append(string.Create(CultureInfo.InvariantCulture, $"start crash {context.InstanceId} {invocation.Attempt} {Environment.ProcessId}"));
        await Task.Delay(Linger, invocation.CancellationToken);
        if (arguments.Mode == WorkerMode.CrashFailFast)
        {
            Environment.FailFast("Crash activity: failing fast on purpose.");
        }

        using var self = System.Diagnostics.Process.GetCurrentProcess();
        self.Kill(); // SIGKILL on Linux: no finally blocks, no graceful stop, leases left behind
        return input;
    }
}

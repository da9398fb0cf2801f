using System.Diagnostics;
using System.Globalization;
using Microsoft.DurableTask.Client;
using Nexus.Durable.Client;
using Nexus.Durable.Registry;
using Nexus.Durable.Sqlite;
using Nexus.Durable.Worker;
using StartOrchestrationOptions = Microsoft.DurableTask.StartOrchestrationOptions;

namespace Nexus.Cli.EngineSample;

/// <summary>Runs <c>n</c> sample orchestrations on a SQLite store in <c>dataDirectory</c> with an in-process worker, and
/// reports progress and a summary. Returns 0 when every instance completed with the expected output.</summary>
internal sealed class EngineSampleRunner(TextWriter output, TimeProvider timeProvider)
{
    private readonly TextWriter _output = TextWriter.Synchronized(output);

    private const int ProgressLines = 10;

    public async Task<int> RunAsync(string dataDirectory, int count, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(dataDirectory);
        var databasePath = Path.Combine(dataDirectory, "nexus.db");
        await Line("nexus engine-sample: the durable engine's sample workload (no agents; see 'nexus demo' for the agent workflow).");
        await Line($"store: {databasePath}");

        var registry = new DurableRegistry()
            .AddTaskOrchestrator(SampleOrchestration.Name, static () => new SampleOrchestration())
            .AddTaskActivity(SampleActivity.Name, static _ => new SampleActivity());
        await using var store = new SqliteDurableStore(new SqliteStoreOptions { DatabasePath = databasePath, TimeProvider = timeProvider });
        var options = new DurableWorkerOptions { TimeProvider = timeProvider, ShutdownTimeout = TimeSpan.FromSeconds(5) };
        await using var worker = new DurableWorker(store, registry, options);
        await worker.StartAsync(cancellationToken);
        await using var client = new NexusDurableTaskClient("engine-sample", store, timeProvider: timeProvider);

        var started = Stopwatch.GetTimestamp();
        var run = timeProvider.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6];
        var ids = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            ids.Add(await client.ScheduleNewOrchestrationInstanceAsync(
                SampleOrchestration.Name, (long)i, new StartOrchestrationOptions($"sample-{run}-{i:D5}"), cancellationToken));
        }

        await Line($"scheduled {count} orchestrations '{SampleOrchestration.Name}' (3 activities in parallel, a durable timer, 1 more activity each)");
        var done = 0;
        var failed = 0;
        var step = Math.Max(1, count / ProgressLines);
        var waits = ids.Select(async (id, index) =>
        {
            var result = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cancellationToken);
            var ok = result.RuntimeStatus == OrchestrationRuntimeStatus.Completed && result.ReadOutputAs<long>() == Expected(index);
            if (!ok)
            {
                Interlocked.Increment(ref failed);
                await Line($"  {id}: {result.RuntimeStatus} {result.FailureDetails?.ErrorType}: {result.FailureDetails?.ErrorMessage}");
            }

            var finished = Interlocked.Increment(ref done);
            if (finished % step == 0 || finished == count)
            {
                await Line($"  {finished}/{count} finished");
            }
        });
        await Task.WhenAll(waits);
        var elapsed = Stopwatch.GetElapsedTime(started);
        await worker.StopAsync(cancellationToken);

        await Line(string.Create(
            CultureInfo.InvariantCulture,
            $"summary: {count - failed}/{count} completed, {failed} failed, {count * 4} activities, {elapsed.TotalSeconds:F2} s ({count / elapsed.TotalSeconds:F1} orchestrations/s)"));
        return failed == 0 ? 0 : 1;
    }

    // The orchestration's output for input i: (i² + (i+1)² + (i+2)²)².
    private static long Expected(long i)
    {
        var sum = (i * i) + ((i + 1) * (i + 1)) + ((i + 2) * (i + 2));
        return sum * sum;
    }

    private async Task Line(string text)
    {
        await _output.WriteLineAsync(text);
        await _output.FlushAsync();
    }
}

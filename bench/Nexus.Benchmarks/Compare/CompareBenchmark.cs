using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Nexus.Benchmarks.Diagnostics;
using Nexus.Benchmarks.Workflows;
using Nexus.Compatibility.Backends;
using Nexus.Durable.Sqlite;

namespace Nexus.Benchmarks.Compare;

/// <summary><c>compare</c>: in one run, the SDK runner's cost per episode, then W1/W2/W3 through the official SDK on
/// each stack in turn (never two at once): NEXUS on SQLite and PostgreSQL, Microsoft's Azure Storage backend on Azurite
/// and its in-process test host. Prints one JSON object per line, then the Markdown table.</summary>
/// <remarks>The servers are the test suite's: PostgreSQL from <c>NEXUS_TEST_POSTGRES</c> or a throwaway cluster
/// (scripts/postgres.sh, fsync on), Azurite installed and started by Nexus.Testing.</remarks>
internal static class CompareBenchmark
{
    public static async Task<int> RunAsync(CompareOptions options, TextWriter output, CancellationToken cancellationToken = default)
    {
        var results = new List<JsonObject>();
        await output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"compare: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, load {RunMeter.Load():0.0}, sizes {(options.Quick ? "quick" : "full")}"));
        await EmitAsync(output, results, RunnerCost.Replay(0, options.RunnerEpisodes));
        await EmitAsync(output, results, RunnerCost.Replay(49, options.RunnerEpisodes));
        await EmitAsync(output, results, RunnerCost.ExtendedSession(49, options.RunnerEpisodes));

        foreach (var name in options.Stacks)
        {
            var started = Stopwatch.GetTimestamp();
            if (name == "inprocess")
            {
                foreach (var result in await InProcessChild.RunAsync(options.Quick, output, cancellationToken))
                {
                    await EmitAsync(output, results, result);
                }

                continue;
            }

            await using var stack = await StartAsync(name, cancellationToken);
            await output.WriteLineAsync($"  [{stack.Name}] started in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s");
            foreach (var result in await StackWorkloads.RunAllAsync(stack, options.SizesFor(name), cancellationToken))
            {
                await EmitAsync(output, results, result);
            }
        }

        await output.WriteLineAsync();
        await CompareTable.WriteAsync(output, results);
        return 0;
    }

    private static async Task<IBenchStack> StartAsync(string name, CancellationToken cancellationToken) => name switch
    {
        "sqlite" => await BackendStack.StartAsync(
            "NEXUS SQLite (durability full)",
            NexusSqliteBackend.CreateInTemporaryDirectory(BenchWorkflows.Register, SqliteDurability.Full),
            pollEvery: null,
            cancellationToken),
        "postgres" => await BackendStack.StartAsync(
            "NEXUS PostgreSQL (fsync on)",
            await NexusPostgresBackend.CreateOnTestServerAsync(BenchWorkflows.Register, configureWorker: null, cancellationToken),
            pollEvery: null,
            cancellationToken),
        _ => await BackendStack.StartAsync(
            "Microsoft Azure Storage (Azurite)",
            await MicrosoftAzureStorageBackend.CreateForTestsAsync(BenchWorkflows.Register, cancellationToken),
            pollEvery: TimeSpan.FromMilliseconds(25),
            cancellationToken),
    };

    private static async Task EmitAsync(TextWriter output, List<JsonObject> results, JsonObject result)
    {
        results.Add(result);
        await output.WriteLineAsync(result.ToJsonString());
        await output.FlushAsync();
    }
}

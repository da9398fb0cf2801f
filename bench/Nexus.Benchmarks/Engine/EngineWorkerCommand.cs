using Nexus.Benchmarks.Stores;
using Nexus.Durable.Worker;

namespace Nexus.Benchmarks.Engine;

/// <summary><c>engine-worker --store postgres --connection CS --schema S [engine options]</c>: a worker process on a
/// schema its parent benchmark created. It first warms its JIT on a private schema (as the parent does before measuring),
/// then runs the benchmark's workflows, prints <c>ready</c>, and stops when its stdin closes.</summary>
internal static class EngineWorkerCommand
{
    private const int WarmupBatch = 300;
    private const int WarmupRounds = 3;

    public static async Task<int> RunAsync(EngineBenchOptions options, CancellationToken cancellationToken)
    {
        if (options.Schema is null)
        {
            throw new ArgumentException("engine-worker needs --schema (its parent passes it).");
        }

        var factory = StoreFactories.For(options);
        await WarmUpAsync(options, factory, cancellationToken);

        await using var store = await factory.CreateAsync(options, cancellationToken);
        var registry = EngineHost.CreateRegistry();
        await using var worker = new DurableWorker(store.Store, registry, EngineHost.WorkerOptions(options));
        await worker.StartAsync(cancellationToken);
        Console.WriteLine("ready");
        while (await Console.In.ReadLineAsync(cancellationToken) is not null)
        {
        }

        await worker.StopAsync(CancellationToken.None);
        return 0;
    }

    // A private schema (this process's client and worker), a few batches of the W1 workload, then dropped.
    private static async Task WarmUpAsync(EngineBenchOptions options, IStoreFactory factory, CancellationToken cancellationToken)
    {
        await using var host = await EngineHost.StartAsync(factory, options.WithSchema(null), diagnostics: false, cancellationToken);
        for (var round = 0; round < WarmupRounds; round++)
        {
            await W1Throughput.RunBatchAsync(host, WarmupBatch, cancellationToken);
        }
    }
}

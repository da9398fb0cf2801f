using System.Text.Json.Nodes;
using Nexus.Benchmarks.Stores;

namespace Nexus.Benchmarks.Engine;

/// <summary>What every workload gets: the options, the store factory, and where diagnostics go.</summary>
internal sealed class BenchContext(EngineBenchOptions options, IStoreFactory factory, TextWriter output)
{
    public EngineBenchOptions Options { get; } = options;

    public IStoreFactory Factory { get; } = factory;

    public TextWriter Output { get; } = output;

    /// <summary>A result line with the common fields first.</summary>
    public JsonObject NewResult(string workload) => new()
    {
        ["workload"] = workload,
        ["store"] = Factory.Name,
        ["durability"] = Factory.DurabilityLabel(Options),
        ["worker_processes"] = Options.Workers,
    };

    public Task<EngineHost> StartHostAsync(bool measured, CancellationToken cancellationToken) =>
        EngineHost.StartAsync(Factory, Options, measured && Options.Diagnostics, cancellationToken);
}

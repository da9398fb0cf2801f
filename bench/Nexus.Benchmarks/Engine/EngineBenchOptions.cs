using System.Globalization;

namespace Nexus.Benchmarks.Engine;

/// <summary>Command-line options of the <c>engine</c> benchmark.</summary>
internal sealed class EngineBenchOptions
{
    public const string Usage =
        "usage: engine [--store sqlite|memory] [--n N] [--durability full|normal] [--workload w1|w2|w3|floor|all]\n" +
        "              [--diag] [--completion client|notify] [--w2-runs N] [--w3-width N]\n" +
        "              [--max-orch N] [--max-act N] [--min-poll-ms MS] [--cache N] [--max-batch N] [--readers N]";

    public string Store { get; private set; } = "sqlite";

    /// <summary>Store-specific connection (reserved for server stores such as PostgreSQL).</summary>
    public string? Connection { get; private set; }

    public string Durability { get; private set; } = "full";

    public int N { get; private set; } = 1000;

    public IReadOnlySet<string> Workloads { get; private set; } = new HashSet<string>(StringComparer.Ordinal) { "w1", "w2", "w3", "floor" };

    /// <summary>Time every store call through <see cref="Diagnostics.TimingStore"/> and print per-call figures.</summary>
    public bool Diagnostics { get; private set; }

    /// <summary>How completion is observed: "notify" (default) joins the store's change notification before reading the
    /// status; "client" uses DurableClient.WaitForInstanceCompletionAsync, which reads first and joins after, so a
    /// completion committed in between is seen only when its backed-off wait (up to 1 s) runs out (W1: +0.7–0.9 s
    /// in 2 of 5 runs).</summary>
    public string Completion { get; private set; } = "notify";

    public int W2Runs { get; private set; } = 200;

    public int W2Warmup { get; private set; } = 20;

    public int W3Width { get; private set; } = 100;

    public int? MaxConcurrentOrchestrations { get; private set; }

    public int? MaxConcurrentActivities { get; private set; }

    public double? MinPollingMs { get; private set; }

    public int? StateCacheSize { get; private set; }

    public int? MaxBatchSize { get; private set; }

    public int? ReadConnections { get; private set; }

    public static EngineBenchOptions Parse(ReadOnlySpan<string> args)
    {
        var o = new EngineBenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name == "--diag")
            {
                o.Diagnostics = true;
                continue;
            }

            if (i + 1 >= args.Length)
            {
                throw new ArgumentException($"Option {name} needs a value.");
            }

            var value = args[++i];
            switch (name)
            {
                case "--store": o.Store = OneOf(name, value, "sqlite", "memory", "postgres"); break;
                case "--connection": o.Connection = value; break;
                case "--durability": o.Durability = OneOf(name, value, "full", "normal"); break;
                case "--n": o.N = Int(name, value); break;
                case "--workload": o.Workloads = Workload(value); break;
                case "--completion": o.Completion = OneOf(name, value, "client", "notify"); break;
                case "--w2-runs": o.W2Runs = Int(name, value); break;
                case "--w2-warmup": o.W2Warmup = Int(name, value); break;
                case "--w3-width": o.W3Width = Int(name, value); break;
                case "--max-orch": o.MaxConcurrentOrchestrations = Int(name, value); break;
                case "--max-act": o.MaxConcurrentActivities = Int(name, value); break;
                case "--min-poll-ms": o.MinPollingMs = double.Parse(value, CultureInfo.InvariantCulture); break;
                case "--cache": o.StateCacheSize = Int(name, value); break;
                case "--max-batch": o.MaxBatchSize = Int(name, value); break;
                case "--readers": o.ReadConnections = Int(name, value); break;
                default: throw new ArgumentException($"Unknown option {name}.");
            }
        }

        return o;
    }

    private static HashSet<string> Workload(string value)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (part == "all")
            {
                set.UnionWith(["w1", "w2", "w3", "floor"]);
            }
            else
            {
                set.Add(OneOf("--workload", part, "w1", "w2", "w3", "floor"));
            }
        }

        return set;
    }

    private static string OneOf(string name, string value, params string[] allowed) =>
        Array.IndexOf(allowed, value) >= 0 ? value : throw new ArgumentException($"{name} must be one of {string.Join('|', allowed)}, not '{value}'.");

    private static int Int(string name, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0
            ? n
            : throw new ArgumentException($"{name} must be a non-negative integer, not '{value}'.");
}

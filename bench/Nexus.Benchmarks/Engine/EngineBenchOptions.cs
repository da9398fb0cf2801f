using System.Globalization;

namespace Nexus.Benchmarks.Engine;

/// <summary>Command-line options of the <c>engine</c> benchmark.</summary>
internal sealed class EngineBenchOptions
{
    public const string Usage =
        "usage: engine [--store sqlite|memory|postgres] [--connection CS] [--n N] [--durability full|normal] [--workload w1|w2|w3|floor|pickup|all]\n" +
        "              [--diag] [--w2-runs N] [--w3-width N] [--pickup-runs N]\n" +
        "              [--workers N] [--notify on|off] [--preload N]\n" +
        "              [--max-orch N] [--max-act N] [--min-poll-ms MS] [--cache N] [--max-batch N] [--readers N]\n" +
        "       --workers N: worker processes (postgres): this process and N-1 others; pickup always uses other processes.\n" +
        "       --notify off: no LISTEN/NOTIFY (postgres), so idle workers find new work by polling only.\n" +
        "       --preload N: W1 first completes N orchestrations on its measured store (history grows), then measures.";

    public string Store { get; private set; } = "sqlite";

    /// <summary>Store-specific connection (reserved for server stores such as PostgreSQL).</summary>
    public string? Connection { get; private set; }

    public string Durability { get; private set; } = "full";

    public int N { get; private set; } = 1000;

    public IReadOnlySet<string> Workloads { get; private set; } = new HashSet<string>(StringComparer.Ordinal) { "w1", "w2", "w3", "floor" };

    /// <summary>Time every store call through <see cref="Diagnostics.TimingStore"/> and print per-call figures.</summary>
    public bool Diagnostics { get; private set; }

    public int W2Runs { get; private set; } = 200;

    public int W2Warmup { get; private set; } = 20;

    public int W3Width { get; private set; } = 100;

    /// <summary>Orchestrations W1 completes on its measured store before measuring (a store with history).</summary>
    public int Preload { get; private set; }

    /// <summary>Pickup runs: one start at a time into an idle worker process.</summary>
    public int PickupRuns { get; private set; } = 40;

    /// <summary>Worker processes sharing the store (server stores): this process and <c>Workers - 1</c> children.</summary>
    public int Workers { get; private set; } = 1;

    /// <summary>Whether a server store wakes idle workers of other processes (PostgreSQL LISTEN/NOTIFY).</summary>
    public bool Notify { get; private set; } = true;

    /// <summary>The schema an <c>engine-worker</c> child process works on (set by its parent).</summary>
    public string? Schema { get; private set; }

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
                case "--w2-runs": o.W2Runs = Int(name, value); break;
                case "--w2-warmup": o.W2Warmup = Int(name, value); break;
                case "--w3-width": o.W3Width = Int(name, value); break;
                case "--pickup-runs": o.PickupRuns = Int(name, value); break;
                case "--preload": o.Preload = Int(name, value); break;
                case "--workers": o.Workers = Math.Max(1, Int(name, value)); break;
                case "--notify": o.Notify = OneOf(name, value, "on", "off") == "on"; break;
                case "--schema": o.Schema = value; break;
                case "--max-orch": o.MaxConcurrentOrchestrations = Int(name, value); break;
                case "--max-act": o.MaxConcurrentActivities = Int(name, value); break;
                case "--min-poll-ms": o.MinPollingMs = double.Parse(value, CultureInfo.InvariantCulture); break;
                case "--cache": o.StateCacheSize = Int(name, value); break;
                case "--max-batch": o.MaxBatchSize = Int(name, value); break;
                case "--readers": o.ReadConnections = Int(name, value); break;
                default: throw new ArgumentException($"Unknown option {name}.");
            }
        }

        if ((o.Workers > 1 || o.Workloads.Contains("pickup") || !o.Notify) && o.Store != "postgres")
        {
            throw new ArgumentException("--workers, --notify and the pickup workload need --store postgres (a store that several processes share).");
        }

        return o;
    }

    /// <summary>These options on another schema (<see langword="null"/>: a fresh one of its own).</summary>
    public EngineBenchOptions WithSchema(string? schema)
    {
        var copy = (EngineBenchOptions)MemberwiseClone();
        copy.Schema = schema;
        return copy;
    }

    /// <summary>The options a child worker process gets so that it runs like this one.</summary>
    public IEnumerable<string> WorkerArguments()
    {
        yield return "--notify";
        yield return Notify ? "on" : "off";
        foreach (var (name, value) in new (string, double?)[]
        {
            ("--max-orch", MaxConcurrentOrchestrations), ("--max-act", MaxConcurrentActivities), ("--min-poll-ms", MinPollingMs), ("--cache", StateCacheSize),
        })
        {
            if (value is { } v)
            {
                yield return name;
                yield return v.ToString(CultureInfo.InvariantCulture);
            }
        }
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
                set.Add(OneOf("--workload", part, "w1", "w2", "w3", "floor", "pickup"));
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

using System.Globalization;

namespace Nexus.Durable.TestWorker;

/// <summary>The test worker's command line.</summary>
internal sealed record WorkerArguments
{
    public const string Usage =
        "usage: Nexus.Durable.TestWorker (--db PATH | --postgres CONNECTION --schema NAME) --effects FILE [--lease-seconds N] [--mode normal|block-step3|crash-failfast] " +
        "[--step-delay-ms N] [--max-dequeue N] [--start ID] [--orchestration FiveSteps|CallCrash]";

    /// <summary>The SQLite file, unless <see cref="PostgresConnection"/> is set.</summary>
    public string? DatabasePath { get; init; }

    /// <summary>A PostgreSQL connection string: the worker then uses the PostgreSQL store in <see cref="Schema"/>.</summary>
    public string? PostgresConnection { get; init; }

    /// <summary>The PostgreSQL schema.</summary>
    public string Schema { get; init; } = "nexus";

    public required string EffectsPath { get; init; }

    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(2);

    public WorkerMode Mode { get; init; } = WorkerMode.Normal;

    public TimeSpan StepDelay { get; init; } = TimeSpan.Zero;

    public int MaxDequeueCount { get; init; } = 5;

    public string? StartInstanceId { get; init; }

    public string StartOrchestration { get; init; } = FiveStepsOrchestration.Name;

    /// <summary>Parses the arguments; throws <see cref="FormatException"/> naming the problem.</summary>
    public static WorkerArguments Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new FormatException($"unexpected argument '{name}'");
            }

            values[name] = args[++i];
        }

        string? Take(string name) => values.Remove(name, out var value) ? value : null;
        var database = Take("--db");
        var postgres = Take("--postgres");
        if ((database is null) == (postgres is null))
        {
            throw new FormatException("give either --db or --postgres");
        }

        var effects = Take("--effects") ?? throw new FormatException("--effects is required");
        var parsed = new WorkerArguments
        {
            DatabasePath = database,
            PostgresConnection = postgres,
            Schema = Take("--schema") ?? "nexus",
            EffectsPath = effects,
            LeaseDuration = TimeSpan.FromSeconds(Number(Take("--lease-seconds") ?? "2", "--lease-seconds")),
            Mode = Take("--mode") switch
            {
                null or "normal" => WorkerMode.Normal,
                "block-step3" => WorkerMode.BlockStep3,
                "crash-failfast" => WorkerMode.CrashFailFast,
                var other => throw new FormatException($"unknown --mode '{other}'"),
            },
            StepDelay = TimeSpan.FromMilliseconds(Number(Take("--step-delay-ms") ?? "0", "--step-delay-ms")),
            MaxDequeueCount = (int)Number(Take("--max-dequeue") ?? "5", "--max-dequeue"),
            StartInstanceId = Take("--start"),
            StartOrchestration = Take("--orchestration") ?? FiveStepsOrchestration.Name,
        };

        if (values.Count > 0)
        {
            throw new FormatException($"unknown option '{values.Keys.First()}'");
        }

        return parsed;
    }

    private static double Number(string text, string name) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? value
            : throw new FormatException($"{name} must be a non-negative number, not '{text}'");
}

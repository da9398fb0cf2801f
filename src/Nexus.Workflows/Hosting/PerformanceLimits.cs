using System.Globalization;
using Nexus.Workflows.Model;

namespace Nexus.Workflows.Hosting;

/// <summary>The performance watch's thresholds: a test run or agent turn beyond one raises a
/// <see cref="ProjectAlert.Performance"/> alert (the project's status and history, and the <c>nexus.alerts</c> counter).
/// Each is off (<see langword="null"/>) unless set, here or by its environment variable.</summary>
public sealed class PerformanceLimits
{
    /// <summary>The environment variable of <see cref="MaxTestRunMemoryMb"/>.</summary>
    public const string MaxTestRunMemoryVariable = "NEXUS_MAX_TEST_RUN_MEMORY_MB";

    /// <summary>The environment variable of <see cref="MaxTestRunCpuSeconds"/>.</summary>
    public const string MaxTestRunCpuVariable = "NEXUS_MAX_TEST_RUN_CPU_SECONDS";

    /// <summary>The environment variable of <see cref="MaxTestRunSeconds"/>.</summary>
    public const string MaxTestRunSecondsVariable = "NEXUS_MAX_TEST_RUN_SECONDS";

    /// <summary>The environment variable of <see cref="MaxAgentTurnSeconds"/>.</summary>
    public const string MaxAgentTurnSecondsVariable = "NEXUS_MAX_AGENT_TURN_SECONDS";

    /// <summary>The environment variable of <see cref="MaxAgentTurnMemoryMb"/>.</summary>
    public const string MaxAgentTurnMemoryVariable = "NEXUS_MAX_AGENT_TURN_MEMORY_MB";

    /// <summary>The environment variable of <see cref="MaxAgentTurnCpuSeconds"/>.</summary>
    public const string MaxAgentTurnCpuVariable = "NEXUS_MAX_AGENT_TURN_CPU_SECONDS";

    /// <summary>Peak resident memory of a test run's process tree, MiB. Default <c>NEXUS_MAX_TEST_RUN_MEMORY_MB</c>, else off.</summary>
    public double? MaxTestRunMemoryMb { get; set; } = Read(MaxTestRunMemoryVariable);

    /// <summary>CPU seconds (user + system) of a test run's process tree. Default <c>NEXUS_MAX_TEST_RUN_CPU_SECONDS</c>, else off.</summary>
    public double? MaxTestRunCpuSeconds { get; set; } = Read(MaxTestRunCpuVariable);

    /// <summary>Wall seconds of a test run. Default <c>NEXUS_MAX_TEST_RUN_SECONDS</c>, else off.</summary>
    public double? MaxTestRunSeconds { get; set; } = Read(MaxTestRunSecondsVariable);

    /// <summary>Wall seconds of an agent turn (retries included). Default <c>NEXUS_MAX_AGENT_TURN_SECONDS</c>, else off.</summary>
    public double? MaxAgentTurnSeconds { get; set; } = Read(MaxAgentTurnSecondsVariable);

    /// <summary>Peak resident memory of an agent turn's process tree (the Claude Code CLI and what it started), MiB.
    /// Default <c>NEXUS_MAX_AGENT_TURN_MEMORY_MB</c>, else off. Turns of HTTP backends have no process tree and never reach it.</summary>
    public double? MaxAgentTurnMemoryMb { get; set; } = Read(MaxAgentTurnMemoryVariable);

    /// <summary>CPU seconds (user + system) of an agent turn's process tree. Default <c>NEXUS_MAX_AGENT_TURN_CPU_SECONDS</c>,
    /// else off. Turns of HTTP backends have no process tree and never reach it.</summary>
    public double? MaxAgentTurnCpuSeconds { get; set; } = Read(MaxAgentTurnCpuVariable);

    /// <summary>The alerts of a test run that used <paramref name="cpuSeconds"/>, <paramref name="peakMemoryMb"/> (either
    /// <see langword="null"/> when not measured) and <paramref name="seconds"/>.</summary>
    public IReadOnlyList<ProjectAlert> ForTestRun(double? cpuSeconds, double? peakMemoryMb, double seconds) =>
        Check("tests", ProjectPhases.Validate, "the test run", (cpuSeconds, peakMemoryMb, seconds), (MaxTestRunCpuSeconds, MaxTestRunMemoryMb, MaxTestRunSeconds));

    /// <summary>The alerts of <paramref name="agent"/>'s turn in <paramref name="phase"/> that used <paramref name="cpuSeconds"/>,
    /// <paramref name="peakMemoryMb"/> (either <see langword="null"/> when the turn had no process tree to measure) and took
    /// <paramref name="seconds"/>.</summary>
    public IReadOnlyList<ProjectAlert> ForAgentTurn(string agent, string phase, double? cpuSeconds, double? peakMemoryMb, double seconds) =>
        Check(agent, phase, $"{agent}'s turn", (cpuSeconds, peakMemoryMb, seconds), (MaxAgentTurnCpuSeconds, MaxAgentTurnMemoryMb, MaxAgentTurnSeconds));

    // One step's figures against their limits, memory first: the same checks for test runs and agent turns.
    private static List<ProjectAlert> Check(
        string who, string phase, string what, (double? Cpu, double? MemoryMb, double? Seconds) used, (double? Cpu, double? MemoryMb, double? Seconds) limits)
    {
        var alerts = new List<ProjectAlert>();
        Check(alerts, who, phase, what, "peak_memory_mb", used.MemoryMb, limits.MemoryMb, "MB of memory at its peak");
        Check(alerts, who, phase, what, "cpu_seconds", used.Cpu, limits.Cpu, "CPU seconds");
        Check(alerts, who, phase, what, "duration_seconds", used.Seconds, limits.Seconds, "seconds");
        return alerts;
    }

    private static void Check(List<ProjectAlert> alerts, string who, string phase, string what, string metric, double? value, double? limit, string unit)
    {
        if (value is { } v && limit is { } l && v > l)
        {
            alerts.Add(new ProjectAlert
            {
                Kind = ProjectAlert.Performance,
                Who = who,
                Phase = phase,
                Metric = metric,
                Value = Math.Round(v, 3),
                Limit = l,
                Message = string.Create(CultureInfo.InvariantCulture, $"{what} used {v:0.##} {unit}, over the limit of {l:0.##} {(unit.StartsWith("MB", StringComparison.Ordinal) ? "MB" : unit)}"),
            });
        }
    }

    private static double? Read(string variable) =>
        double.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : null;
}

using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using System.Text;

namespace Nexus.Agents.Telemetry;

/// <summary>NEXUS's traces and metrics, in .NET's own types (<see cref="ActivitySource"/>, <see cref="Meter"/>): a host
/// exports them (OTLP, Prometheus) by listening to <see cref="Name"/>; nothing is recorded anywhere else.</summary>
/// <remarks>
/// Spans: <c>nexus.project</c> (one per project, when it ends), <c>nexus.step</c> (one per agent step or test run) and
/// <c>nexus.agent_turn</c> (one per agent turn), all of a project in one trace whose id derives from the project id
/// (<see cref="ProjectTrace"/>), so steps run by different processes or after a crash still land in the project's trace.
/// Cost and tokens are attributes (<c>nexus.cost_usd</c>, <c>nexus.tokens</c>).
/// </remarks>
public static class NexusTelemetry
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string Name = "Nexus";

    /// <summary>Where NEXUS's spans start.</summary>
    public static ActivitySource Source { get; } = new(Name);

    /// <summary>NEXUS's meter.</summary>
    public static Meter Meter { get; } = new(Name);

    /// <summary>Agent turns, by <c>agent</c>, <c>backend</c> and <c>outcome</c> (<c>ok</c> or the error kind).</summary>
    public static Counter<long> AgentTurns { get; } = Meter.CreateCounter<long>("nexus.agent.turns", "{turn}", "Agent turns taken.");

    /// <summary>How long agent turns take, by <c>agent</c> and <c>backend</c>.</summary>
    public static Histogram<double> AgentTurnDuration { get; } =
        Meter.CreateHistogram<double>("nexus.agent.turn.duration", "s", "How long an agent turn takes, retries and fallbacks included.");

    /// <summary>CPU time of agent turns' process trees, by <c>agent</c> and <c>backend</c> (backends that run a process only).</summary>
    public static Histogram<double> AgentTurnCpu { get; } =
        Meter.CreateHistogram<double>("nexus.agent.turn.cpu_time", "s", "CPU time (user + system) of an agent turn's process tree.");

    /// <summary>Peak resident memory of agent turns' process trees, by <c>agent</c> and <c>backend</c> (backends that run a
    /// process only).</summary>
    public static Histogram<double> AgentTurnPeakMemory { get; } =
        Meter.CreateHistogram<double>("nexus.agent.turn.peak_memory", "By", "Peak resident memory of an agent turn's process tree.");

    /// <summary>Tokens used, by <c>agent</c> and <c>backend</c>.</summary>
    public static Counter<long> Tokens { get; } = Meter.CreateCounter<long>("nexus.agent.tokens", "{token}", "Tokens the agents used.");

    /// <summary>Money spent, by <c>agent</c> and <c>backend</c>.</summary>
    public static Counter<double> CostUsd { get; } = Meter.CreateCounter<double>("nexus.agent.cost_usd", description: "What the agents' turns cost.");

    /// <summary>Test runs, by <c>outcome</c> (<c>green</c> or <c>red</c>).</summary>
    public static Histogram<double> TestRunDuration { get; } = Meter.CreateHistogram<double>("nexus.tests.duration", "s", "How long a test run takes.");

    /// <summary>CPU time of test runs' process trees, by <c>outcome</c>.</summary>
    public static Histogram<double> TestRunCpu { get; } = Meter.CreateHistogram<double>("nexus.tests.cpu_time", "s", "CPU time (user + system) of a test run's process tree.");

    /// <summary>Peak resident memory of test runs' process trees, by <c>outcome</c>.</summary>
    public static Histogram<double> TestRunPeakMemory { get; } =
        Meter.CreateHistogram<double>("nexus.tests.peak_memory", "By", "Peak resident memory of a test run's process tree.");

    /// <summary>Project alerts raised, by <c>kind</c> (<c>performance</c>, <c>plan_fallback</c>), <c>who</c> (agent or
    /// <c>tests</c>) and <c>metric</c>.</summary>
    public static Counter<long> Alerts { get; } = Meter.CreateCounter<long>("nexus.alerts", "{alert}", "Project alerts: performance limits exceeded, plans taken from a template.");

    /// <summary>Projects that ended, by <c>status</c> (<c>completed</c>, <c>failed</c>, <c>terminated</c>).</summary>
    public static Counter<long> ProjectsEnded { get; } = Meter.CreateCounter<long>("nexus.projects.ended", "{project}", "Projects that ended.");

    /// <summary>Records what a process tree used on <paramref name="cpu"/> (seconds) and <paramref name="peakMemory"/>
    /// (bytes) and as the attributes <c>{prefix}.cpu_seconds</c> and <c>{prefix}.peak_memory_mb</c> of <paramref name="span"/>;
    /// nothing when <paramref name="cpuSeconds"/> or <paramref name="peakMemoryMb"/> was not measured.</summary>
    public static void RecordResources(
        Histogram<double> cpu, Histogram<double> peakMemory, double? cpuSeconds, double? peakMemoryMb, in TagList tags, Activity? span, string prefix)
    {
        ArgumentNullException.ThrowIfNull(cpu);
        ArgumentNullException.ThrowIfNull(peakMemory);
        if (cpuSeconds is not { } seconds || peakMemoryMb is not { } megabytes)
        {
            return;
        }

        cpu.Record(seconds, tags);
        peakMemory.Record(megabytes * 1024 * 1024, tags);
        span?.SetTag($"{prefix}.cpu_seconds", seconds);
        span?.SetTag($"{prefix}.peak_memory_mb", megabytes);
    }

    /// <summary>The parent of a project's spans: its trace id and the span id of its <c>nexus.project</c> span, both
    /// derived from the project id (the same in every process and after every restart).</summary>
    public static ActivityContext ProjectTrace(string projectId)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(projectId));
        return new ActivityContext(
            ActivityTraceId.CreateFromBytes(hash.AsSpan(0, 16)), ActivitySpanId.CreateFromBytes(hash.AsSpan(16, 8)), ActivityTraceFlags.Recorded, isRemote: true);
    }
}

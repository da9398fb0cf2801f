using System.Diagnostics.Metrics;
using Nexus.Agents.Telemetry;
using Nexus.Hosting;
using Nexus.Hosting.Kpis;

namespace Nexus.Server.Hosting;

/// <summary>The KPIs as Prometheus gauges (<c>nexus_projects{status}</c>, <c>nexus_projects_active</c>,
/// <c>nexus_projects_waiting</c>, <c>nexus_completion_rate</c>, <c>nexus_uptime_seconds</c>,
/// <c>nexus_agent_response_time_seconds{agent}</c>): computed from the store when <c>/metrics</c> is scraped, at most once
/// per <see cref="MaxAge"/>, so a scrape every few seconds costs one query.</summary>
internal sealed class KpiGauges : IDisposable
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);
    private readonly Meter _meter = new(NexusTelemetry.Name);
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private readonly ProjectClient _projects;
    private readonly TimeProvider _time;
    private volatile SystemKpis? _kpis;

    public KpiGauges(ProjectClient projects, TimeProvider time)
    {
        _projects = projects;
        _time = time;
        _meter.CreateObservableGauge("nexus.projects", () => Kpis(k => k.ByStatus.Select(s => new Measurement<int>(s.Value, new KeyValuePair<string, object?>("status", s.Key.ToLowerInvariant())))), "{project}", "Projects per runtime status.");
        _meter.CreateObservableGauge("nexus.projects.active", () => Kpis<int>(k => [new Measurement<int>(k.Active)]), "{project}", "Projects not finished.");
        _meter.CreateObservableGauge("nexus.projects.waiting", () => Kpis<int>(k => [new Measurement<int>(k.WaitingForApproval)]), "{project}", "Projects whose plan waits for approval.");
        _meter.CreateObservableGauge("nexus.completion_rate", () => Kpis<double>(k => k.CompletionRate is { } rate ? [new Measurement<double>(rate)] : []), description: "Completed ÷ finished projects.");
        _meter.CreateObservableGauge("nexus.uptime", () => Kpis<double>(k => k.UptimeSeconds is { } up ? [new Measurement<double>(up)] : []), "s", "How long this host has been up.");
        _meter.CreateObservableGauge("nexus.agent.response_time", () => Kpis(k => k.Agents
            .Where(a => a.AverageResponseSeconds is not null)
            .Select(a => new Measurement<double>(a.AverageResponseSeconds!.Value, new KeyValuePair<string, object?>("agent", a.Agent)))), "s", "Mean agent step time.");
    }

    /// <summary>Recomputes the KPIs unless they are younger than <see cref="MaxAge"/>.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        if (_kpis is { } fresh && _time.GetUtcNow() - fresh.At < MaxAge)
        {
            return;
        }

        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_kpis is not { } current || _time.GetUtcNow() - current.At >= MaxAge)
            {
                _kpis = await _projects.GetKpisAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _refresh.Release();
        }
    }

    public void Dispose()
    {
        _meter.Dispose();
        _refresh.Dispose();
    }

    private IEnumerable<Measurement<T>> Kpis<T>(Func<SystemKpis, IEnumerable<Measurement<T>>> read)
        where T : struct => _kpis is { } kpis ? read(kpis) : [];
}

using System.Diagnostics.Metrics;
using Nexus.Agents.Telemetry;
using Nexus.Durable;
using Nexus.Durable.History;
using Nexus.Workflows.Model;
using Nexus.Workflows.Tests.Support;
using Shouldly;
using Xunit;

namespace Nexus.Workflows.Tests.Performance;

/// <summary>The performance watch on real test runs (node, in the sandbox), measured from /proc.</summary>
public sealed class PerformanceWatchTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TestRun_OverATinyMemoryLimit_RaisesAnAlertInStatusHistoryAndTheMeter()
    {
        var counted = new List<(long Value, string? Kind, string? Metric)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == NexusTelemetry.Name && instrument.Name == "nexus.alerts")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var all = tags.ToArray();
            lock (counted)
            {
                counted.Add((value, all.FirstOrDefault(t => t.Key == "kind").Value as string, all.FirstOrDefault(t => t.Key == "metric").Value as string));
            }
        });
        listener.Start();
        await using var nexus = await WorkflowFixture.StartAsync(o => o.Performance.MaxTestRunMemoryMb = 1, Ct);

        var id = await nexus.Projects.StartAsync(WorkflowFixture.Scenario("demo"), "perf-1", Ct);
        var done = await nexus.Projects.WaitAsync(id, Ct);

        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, done.Failure?.Message);
        var alerts = done.Status!.Alerts;
        alerts.Count.ShouldBe(2); // one per test run
        alerts.ShouldAllBe(a => a.Kind == ProjectAlert.Performance && a.Who == "tests" && a.Metric == "peak_memory_mb" && a.Limit == 1);
        // node itself, not only the sandbox's launcher: tens of MB.
        alerts.ShouldAllBe(a => a.Value > 10);
        alerts.Select(a => a.Iteration).ShouldBe([1, 2]);
        var history = await nexus.Projects.GetHistoryAsync(id, Ct);
        history.Count(e => e.Kind == EventKind.TaskScheduled && e.Name == "ProjectAlert" && e.Data!.Contains("peak_memory_mb")).ShouldBe(2);
        listener.RecordObservableInstruments();
        lock (counted)
        {
            counted.Count(c => c.Kind == ProjectAlert.Performance && c.Metric == "peak_memory_mb").ShouldBeGreaterThanOrEqualTo(2);
        }
    }

    [Fact]
    public async Task TestRun_NoLimits_RecordsCpuAndMemoryWithoutAlerts()
    {
        await using var nexus = await WorkflowFixture.StartAsync(o => o.Performance.MaxTestRunMemoryMb = null, Ct);

        var id = await nexus.Projects.StartAsync(WorkflowFixture.Scenario("demo") with { MaxIterations = 1 }, "perf-2", Ct);
        var done = await nexus.Projects.WaitAsync(id, Ct);

        done.Status!.Alerts.ShouldBeEmpty();
        var history = await nexus.Projects.GetHistoryAsync(id, Ct);
        var run = history.First(e => e.Kind == EventKind.TaskCompleted && e.Data!.Contains("\"peakMemoryMb\""));
        run.Data!.ShouldContain("\"cpuSeconds\"");
    }
}

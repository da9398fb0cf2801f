using System.Diagnostics.Metrics;
using Nexus.Agents.Backends;
using Nexus.Agents.Telemetry;
using Nexus.Testing.Claude;
using Shouldly;
using Xunit;

namespace Nexus.Agents.Tests.Backends.Claude;

/// <summary>The performance watch on agent turns: a real <c>claude</c> turn (against <see cref="FakeAnthropicServer"/>) is
/// measured from <c>/proc</c> like a test run — the CLI's process tree, its CPU time and peak memory — and the runner
/// records the figures on the <c>Nexus</c> meter by agent.</summary>
public sealed class ClaudeTurnResourcesTests(ClaudeCliFixture cli) : IClassFixture<ClaudeCliFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunAsync_RealClaudeTurn_MeasuresCpuAndPeakMemoryOfItsProcessTreeAndRecordsThemOnTheMeter()
    {
        var recorded = new List<(string Instrument, double Value, string? Agent, string? Backend)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == NexusTelemetry.Name && instrument.Name is "nexus.agent.turn.cpu_time" or "nexus.agent.turn.peak_memory")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            var all = tags.ToArray();
            lock (recorded)
            {
                recorded.Add((instrument.Name, value, all.FirstOrDefault(t => t.Key == "agent").Value as string, all.FirstOrDefault(t => t.Key == "backend").Value as string));
            }
        });
        listener.Start();
        await using var sandbox = await ClaudeSandbox.StartAsync(cli, Token);
        sandbox.Server.Script("nexus-measured", _ => FakeReply.Text("Measured."));
        var runner = new AgentTurnRunner(new AgentBackendRegistry(sandbox.Backend()));

        var result = await runner.RunAsync(sandbox.Request("nexus-measured", "Say something short."), Token);

        result.Succeeded.ShouldBeTrue(result.Error?.Message);
        var resources = result.Resources.ShouldNotBeNull("a claude turn runs a process tree, so it is measured");
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"claude turn: {resources.CpuSeconds:0.000} CPU s, {resources.PeakMemoryMb:0.0} MB peak, {resources.Samples} samples, {result.Duration.TotalSeconds:0.00} s wall");
        resources.CpuSeconds.ShouldBeGreaterThan(0);
        // The CLI itself (a Node.js/Bun program), not only a launcher: tens of MB at least.
        resources.PeakMemoryMb.ShouldBeGreaterThan(20);
        resources.Samples.ShouldBeGreaterThan(0);
        lock (recorded)
        {
            recorded.ShouldContain(r => r.Instrument == "nexus.agent.turn.cpu_time" && r.Value == resources.CpuSeconds && r.Agent == "aria" && r.Backend == "claude");
            recorded.ShouldContain(r => r.Instrument == "nexus.agent.turn.peak_memory" && r.Value == resources.PeakMemoryBytes && r.Agent == "aria");
        }
    }
}

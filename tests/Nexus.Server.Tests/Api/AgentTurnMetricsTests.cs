using System.Net;
using System.Text.Json;
using Nexus.Server.Tests.Support;
using Nexus.Testing.Claude;
using Shouldly;
using Xunit;
using static Nexus.Api.Contract.Support.Api;

namespace Nexus.Server.Tests.Api;

/// <summary>The performance watch in <c>/metrics</c>: Code runs on the REAL <c>claude</c> CLI (against a fake Anthropic
/// API on 127.0.0.1), the other agents replay the demo; once Code's turn is recorded, the scrape has its process tree's
/// CPU time and peak memory as histograms by agent and backend, and the recorded step result has the same figures.</summary>
public sealed class AgentTurnMetricsTests(ClaudeCliFixture claude) : IClassFixture<ClaudeCliFixture>
{
    private const string CodeModel = "nexus-metrics-code";

    [Fact]
    public async Task Metrics_AfterAClaudeTurn_HaveItsCpuTimeAndPeakMemoryByAgent()
    {
        await using var api = await FakeAnthropicServer.StartAsync(Ct);
        await using var host = LiveClaudeHost.Create(api, claude.ExecutablePath, CodeModel);
        var id = NewId("turn-metrics");
        var workspace = host.Factory.Runtime.Options.WorkspaceDirectory(id);
        api.Script(CodeModel, ToolTurn.Script(
            [("Write", new { file_path = Path.Combine(workspace, "src", "csv2json.js"), content = "module.exports = (csv) => [];\n" })],
            "The converter is in place."));
        using var client = host.Factory.CreateApiClient();
        await client.StartAsync(LiveClaudeHost.Project(id));

        // Until Code's step (the claude turn) is recorded: the runner records the figures before the step returns.
        var items = await SseReader.ReadAsync(
            client,
            $"/api/projects/{id}/stream",
            null,
            (item, _) => item.EventType == "history" && item.Data.Contains("\"TaskCompleted\"", StringComparison.Ordinal)
                && item.Data.Contains("\"backend\":\"claude\"", StringComparison.Ordinal),
            timeout: TimeSpan.FromSeconds(150));
        using var response = await client.GetAsync("/metrics", Ct);
        var samples = PrometheusText.Parse(await response.Content.ReadAsStringAsync(Ct));
        await (await client.PostAsync($"/api/projects/{id}/terminate?reason=measured", null, Ct)).ShouldBeAsync(HttpStatusCode.Accepted);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        samples.ShouldContain(s => s.Name == "nexus_agent_turn_cpu_time_seconds_count" && Code(s) && s.Value >= 1);
        samples.ShouldContain(s => s.Name == "nexus_agent_turn_cpu_time_seconds_sum" && Code(s) && s.Value > 0);
        samples.ShouldContain(s => s.Name == "nexus_agent_turn_peak_memory_bytes_count" && Code(s) && s.Value >= 1);
        samples.ShouldContain(s => s.Name == "nexus_agent_turn_peak_memory_bytes_sum" && Code(s) && s.Value > 20 * 1024 * 1024);
        samples.ShouldNotContain(s => s.Name.StartsWith("nexus_agent_turn_cpu_time", StringComparison.Ordinal) && s.Labels.GetValueOrDefault("backend") == "replay",
            "replayed turns run no process: nothing to measure, nothing recorded");

        var step = JsonDocument.Parse(items[^1].Data).RootElement;
        var result = step.GetProperty("data");
        result.GetProperty("cpuSeconds").GetDouble().ShouldBeGreaterThan(0);
        result.GetProperty("peakMemoryMb").GetDouble().ShouldBeGreaterThan(20);
    }

    private static bool Code(PrometheusText.Sample sample) =>
        sample.Labels.GetValueOrDefault("agent") == "code" && sample.Labels.GetValueOrDefault("backend") == "claude";
}

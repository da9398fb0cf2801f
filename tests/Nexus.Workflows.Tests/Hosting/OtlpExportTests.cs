using System.Text;
using Nexus.Durable;
using Nexus.Workflows.Tests.Support;
using Shouldly;
using Xunit;

namespace Nexus.Workflows.Tests.Hosting;

/// <summary>With an OTLP endpoint configured, a real project's spans (project, steps, agent turns, with cost and tokens)
/// and metrics reach a local receiver over OTLP/HTTP (protobuf).</summary>
public sealed class OtlpExportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DemoProject_OtlpEndpoint_ExportsProjectStepAndTurnSpansAndMetrics()
    {
        using var receiver = new OtlpReceiver();
        var id = $"otlp-{Guid.NewGuid():N}"[..20];
        await using (var nexus = await WorkflowFixture.StartAsync(o => o.OtlpEndpoint = receiver.Endpoint, Ct))
        {
            var done = await nexus.Projects.WaitAsync(await nexus.Projects.StartAsync(WorkflowFixture.Scenario("demo"), id, Ct), Ct);
            done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, done.Failure?.ToString());
        }

        // Disposing the runtime flushed both exporters.
        receiver.Requests.ShouldAllBe(r => r.ContentType == "application/x-protobuf");
        var traces = Text(receiver.Bodies("/v1/traces"));
        traces.ShouldContain("nexus.project");
        traces.ShouldContain("nexus.step");
        traces.ShouldContain("nexus.agent_turn");
        traces.ShouldContain(id);
        traces.ShouldContain("nexus.cost_usd");
        traces.ShouldContain("nexus.tokens");
        var metrics = Text(receiver.Bodies("/v1/metrics"));
        metrics.ShouldContain("nexus.agent.turns");
        metrics.ShouldContain("nexus.agent.turn.duration");
        metrics.ShouldContain("nexus.projects.ended");
        metrics.ShouldContain("nexus.agent.cost_usd");
    }

    // OTLP bodies are protobuf: names, attribute keys and string values appear as UTF-8 bytes in them.
    private static string Text(IEnumerable<byte[]> bodies) => string.Join("\n", bodies.Select(b => Encoding.UTF8.GetString(b)));
}

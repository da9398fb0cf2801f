using System.Net;
using System.Text.Json;
using Nexus.Durable;
using Nexus.Server.Tests.Support;
using Nexus.Workflows.Model;
using Shouldly;
using Nexus.Api.Contract.Support;
using Xunit;
using static Nexus.Api.Contract.Support.Api;

namespace Nexus.Server.Tests.Api;

/// <summary>The demo scenario run to completion through the API once (approval event included); each test reads what only
/// the local host serves (exact KPIs, /metrics, the event stream, the local queue). What both hosts serve is in
/// <see cref="CompletedProjectApiTests"/> (the shared contract).</summary>
public sealed class CompletedProjectTests(CompletedProjectTests.DemoRun run) : IClassFixture<CompletedProjectTests.DemoRun>
{
    [Fact]
    public async Task Kpis_OneCompletedProject_CountsItsAgentsCostAndTheHostsUptime()
    {
        using var client = run.App.CreateApiClient();
        var report = (await run.App.Projects.GetAsync(run.Id, cancellationToken: Ct))!.Report!;

        var kpis = await (await client.GetAsync("/api/kpis", Ct)).ShouldBeAsync(HttpStatusCode.OK);

        kpis.GetProperty("projects").GetInt32().ShouldBe(1);
        kpis.GetProperty("byStatus").GetProperty("Completed").GetInt32().ShouldBe(1);
        kpis.GetProperty("completionRate").GetDouble().ShouldBe(1.0);
        kpis.GetProperty("active").GetInt32().ShouldBe(0);
        kpis.GetProperty("costUsd").GetDecimal().ShouldBe(report.CostUsd);
        kpis.GetProperty("tokens").GetInt64().ShouldBe(report.Tokens);
        kpis.GetProperty("uptimeSeconds").GetDouble().ShouldBeGreaterThan(0);
        var agents = kpis.GetProperty("agents").EnumerateArray().ToDictionary(a => a.GetProperty("agent").GetString()!);
        agents.Keys.ShouldBe(["prime", "aria", "code", "alpha", "beta"]);
        foreach (var agent in agents.Values)
        {
            agent.GetProperty("turns").GetInt32().ShouldBeGreaterThan(0);
            agent.GetProperty("projects").GetInt32().ShouldBe(1);
            agent.GetProperty("averageResponseSeconds").GetDouble().ShouldBeGreaterThanOrEqualTo(0);
        }

        agents.Values.Sum(a => a.GetProperty("costUsd").GetDecimal()).ShouldBe(report.CostUsd);
        agents.Values.Sum(a => a.GetProperty("tokens").GetInt64()).ShouldBe(report.Tokens);
    }

    [Fact]
    public async Task Metrics_Scraped_PrometheusTextWithTurnsAndTheKpiGauges()
    {
        using var client = run.App.CreateApiClient();
        using var anonymous = run.App.CreateApiClient(key: null);

        using var response = await client.GetAsync("/metrics", Ct);
        using var refused = await anonymous.GetAsync("/metrics", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
        refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var samples = PrometheusText.Parse(await response.Content.ReadAsStringAsync(Ct));
        samples.ShouldContain(s => s.Name == "nexus_agent_turns_total" && s.Labels.GetValueOrDefault("agent") == "aria" && s.Labels.GetValueOrDefault("outcome") == "ok" && s.Value >= 1);
        samples.ShouldContain(s => s.Name == "nexus_agent_turn_duration_seconds_count" && s.Labels.GetValueOrDefault("agent") == "code" && s.Value >= 1);
        samples.ShouldContain(s => s.Name == "nexus_agent_cost_usd_total" && s.Labels.GetValueOrDefault("agent") == "code");
        samples.ShouldContain(s => s.Name == "nexus_agent_tokens_total" && s.Labels.GetValueOrDefault("agent") == "code");
        samples.ShouldContain(s => s.Name == "nexus_projects_ended_total" && s.Labels.GetValueOrDefault("status") == "completed" && s.Value >= 1);
        samples.ShouldContain(s => s.Name == "nexus_projects" && s.Labels.GetValueOrDefault("status") == "completed" && s.Value >= 1);
        samples.ShouldContain(s => s.Name == "nexus_completion_rate" && s.Value > 0 && s.Value <= 1);
        samples.ShouldContain(s => s.Name == "nexus_uptime_seconds" && s.Value > 0);
    }

    [Fact]
    public async Task Stream_FinishedProject_SendsTheWholeHistoryInOrderThenEnd()
    {
        using var client = run.App.CreateApiClient();

        var items = await SseReader.ReadAsync(client, $"/api/projects/{run.Id}/stream", null, (item, _) => item.EventType == "end");

        var history = items.Where(i => i.EventType == "history").Select(i => int.Parse(i.EventId!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var count = (await run.App.Projects.GetHistoryAsync(run.Id, Ct)).Count;
        history.ShouldBe(Enumerable.Range(0, count));
        items[^1].EventType.ShouldBe("end");
        items[^1].Data.ShouldContain("\"runtimeStatus\":\"Completed\"");
    }

    [Fact]
    public async Task Queue_MessageWithTheIdOfTheCompletedProject_IsDeadLetteredAndChangesNothing()
    {
        using var client = run.App.CreateApiClient();
        var before = await SnapshotAsync();
        var messageId = Guid.NewGuid().ToString();

        await (await client.PostRawAsync("/api/queue", Nexus.Api.Contract.Support.QueueMessages.Envelope(messageId, "high", Nexus.Api.Contract.Support.QueueMessages.Payload(run.Id))))
            .ShouldBeAsync(HttpStatusCode.Accepted);
        var record = await Queue.SubmissionQueueTests.WaitForStateAsync(client, messageId, "dead");
        var again = await (await client.PostRawAsync("/api/queue", Nexus.Api.Contract.Support.QueueMessages.Envelope(messageId, "high", Nexus.Api.Contract.Support.QueueMessages.Payload(run.Id))))
            .ShouldBeAsync(HttpStatusCode.OK);

        record.GetProperty("reason").GetString()!.ShouldStartWith($"start refused: Project '{run.Id}' already exists (Completed)");
        record.GetProperty("reason").GetString()!.ShouldContain($"nexus purge {run.Id}");
        again.GetProperty("duplicate").GetBoolean().ShouldBeTrue();
        (await SnapshotAsync()).ShouldBe(before);
    }

    // What a replacement would change: status, last update, history length and the report.
    private async Task<string> SnapshotAsync()
    {
        var view = (await run.App.Projects.GetAsync(run.Id, includeHistory: true, Ct)).ShouldNotBeNull();
        return JsonSerializer.Serialize(new { view.RuntimeStatus, view.LastUpdatedTime, HistoryLength = view.History!.Count, view.Report });
    }

    public sealed class DemoRun : IAsyncLifetime
    {
        internal NexusAppFactory App { get; } = new();

        internal string Id { get; } = NewId("done");

        public async ValueTask InitializeAsync()
        {
            using var client = App.CreateApiClient();
            await client.StartAsync(Demo(Id));
            await App.Projects.WaitForPhaseAsync(Id, ProjectPhases.Approval);
            await (await client.PostRawAsync($"/api/projects/{Id}/events/approval", "{\"approved\":true}")).ShouldBeAsync(HttpStatusCode.Accepted);
            var done = await App.Projects.WaitAsync(Id, Ct);
            done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, done.Failure?.Message);
        }

        public async ValueTask DisposeAsync()
        {
            await App.DisposeAsync();
            App.DeleteData();
        }
    }
}

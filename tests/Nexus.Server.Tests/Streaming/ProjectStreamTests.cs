using System.Globalization;
using System.Net;
using Nexus.Durable;
using Nexus.Server.Tests.Support;
using Nexus.Workflows.Model;
using Shouldly;
using Xunit;
using static Nexus.Api.Contract.Support.Api;

namespace Nexus.Server.Tests.Streaming;

public sealed class ProjectStreamTests(SharedHost host)
{
    [Fact]
    public async Task Stream_ReconnectWithLastEventIdAfterHostRestart_ReceivesTheMissedEventsInOrderOnce()
    {
        var data = NexusAppFactory.NewDataDirectory();
        var id = NewId("sse");
        List<int> before;
        await using (var first = new NexusAppFactory(data))
        {
            using var client = first.CreateApiClient();
            await client.StartAsync(Demo(id));
            await first.Projects.WaitForPhaseAsync(id, ProjectPhases.Approval);

            var items = await SseReader.ReadAsync(
                client, $"/api/projects/{id}/stream", null, (_, all) => all.Count(i => i.EventType == "history") == 6);

            items[0].EventType.ShouldBe("status");
            before = [.. items.Where(i => i.EventType == "history").Select(i => int.Parse(i.EventId!, CultureInfo.InvariantCulture))];
            before.ShouldBe([0, 1, 2, 3, 4, 5]);
        }

        await using var second = new NexusAppFactory(data);
        try
        {
            using var client = second.CreateApiClient();
            await (await client.PostAsync($"/api/projects/{id}/terminate?reason=after-restart", null, Ct)).ShouldBeAsync(HttpStatusCode.Accepted);

            var items = await SseReader.ReadAsync(client, $"/api/projects/{id}/stream", before[^1].ToString(CultureInfo.InvariantCulture), (item, _) => item.EventType == "end");

            var after = items.Where(i => i.EventType == "history").Select(i => int.Parse(i.EventId!, CultureInfo.InvariantCulture)).ToList();
            var history = await second.Projects.GetHistoryAsync(id, Ct);
            after.ShouldBe(Enumerable.Range(6, history.Count - 6), "every event after the last one seen, in order, once");
            items.Where(i => i.EventType == "history").ShouldContain(i => i.Data.Contains("\"ExecutionTerminated\"", StringComparison.Ordinal));
            items[^1].EventType.ShouldBe("end");
            items[^1].Data.ShouldContain("\"runtimeStatus\":\"Terminated\"");
            items.Where(i => i.EventType != "history").ShouldAllBe(i => i.EventId == null || i.EventId.Length == 0);
        }
        finally
        {
            await second.DisposeAsync();
            second.DeleteData();
        }
    }

    [Fact]
    public async Task Stream_LiveProject_SendsStatusChangesAndEndsWhenTerminated()
    {
        var app = host.Factory;
        using var client = app.CreateApiClient();
        var id = await client.StartAsync(Demo(NewId("live")));
        await app.Projects.WaitForPhaseAsync(id, ProjectPhases.Approval);

        var terminated = false;
        var items = await SseReader.ReadAsync(
            client,
            $"/api/projects/{id}/stream?lastEventId=3",
            null,
            (item, _) => item.EventType == "end",
            async item =>
            {
                if (item.EventType == "status" && !terminated)
                {
                    terminated = true;
                    await (await client.PostAsync($"/api/projects/{id}/terminate", null, Ct)).ShouldBeAsync(HttpStatusCode.Accepted);
                }
            });

        items.Where(i => i.EventType == "history").Select(i => int.Parse(i.EventId!, CultureInfo.InvariantCulture)).First().ShouldBe(4);
        items.ShouldContain(i => i.EventType == "status" && i.Data.Contains("\"phase\":\"approval\"", StringComparison.Ordinal));
        items[^1].EventType.ShouldBe("end");
        (await app.Projects.GetAsync(id, cancellationToken: Ct))!.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Terminated);
    }

    // nexus serve offers its stream in the management URLs (the Function App, which has none, leaves them out) and the
    // links lead to it.
    [Fact]
    public async Task StartAndCreateTask_OfferTheStream_AndTheLinkStreamsTheProject()
    {
        using var client = host.Factory.CreateApiClient();
        var started = await (await client.PostJsonAsync("/api/projects", Demo(NewId("link")))).ShouldBeAsync(HttpStatusCode.Accepted);
        var created = await (await client.PostJsonAsync("/api/tasks/create", Demo(NewId("link")))).ShouldBeAsync(HttpStatusCode.Accepted);

        foreach (var (body, id, link) in new[] { (started, "id", "streamGetUri"), (created, "taskId", "streamUri") })
        {
            var url = body.GetProperty(link).GetString()!;
            url.ShouldBe(new Uri(client.BaseAddress!, $"/api/projects/{body.GetProperty(id).GetString()}/stream").ToString());
            var items = await SseReader.ReadAsync(client, url, null, (item, _) => item.EventType == "status");
            items.ShouldContain(i => i.EventType == "status");
        }
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-5")]
    [InlineData("99999999999")]
    public async Task Stream_InvalidLastEventId_Returns400(string lastEventId)
    {
        using var client = host.Factory.CreateApiClient();
        var id = await client.StartAsync(Demo(NewId("badsse")));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/projects/{id}/stream");
        request.Headers.TryAddWithoutValidation("Last-Event-ID", lastEventId);

        await (await client.SendAsync(request, Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }
}

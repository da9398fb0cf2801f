using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Nexus.Api.Errors;
using Nexus.Api.Handlers;
using Nexus.Durable.Client;
using Nexus.Server.Hosting;
using Nexus.Workflows.Hosting;
using Nexus.Hosting;
using Nexus.Workflows.Live;

namespace Nexus.Server.Api;

/// <summary><c>GET /api/projects/{id}/stream</c>: Server-Sent Events of a project's history and status.</summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>event: history</c>, <c>id: N</c>: history event N (its position in the durable history, from 0), data as in
/// <c>historyEvents</c>. Ids come from the store, so a client that reconnects with <c>Last-Event-ID: N</c> (or
/// <c>?lastEventId=N</c>) gets N+1, N+2, … — after a host restart too — with nothing missed and nothing repeated.</item>
/// <item><c>event: status</c> (no id, so it never moves the resume position): the status, sent first (before the history it
/// was read with) and on every change.</item>
/// <item><c>event: end</c> (no id): the final status, once the project has finished; the stream then closes.</item>
/// <item><c>event: activity</c> (no id): live agent activity of the project's running steps, in this process or another
/// process of the store (through the feed's relay) — a tool use ("Write
/// src/csv2json.js"), a retry and why, a session restart, a step run again after a crash — as <see cref="LiveActivity"/>;
/// the project's last few first, then each as it is published. Not history: never stored durably, not resumable (see
/// <see cref="LiveActivityFeed"/>).</item>
/// <item><c>event: ping</c>: a keep-alive while nothing changes.</item>
/// </list>
/// </remarks>
internal static class ProjectStreamApi
{
    private static readonly TimeSpan PollFallback = TimeSpan.FromSeconds(1);

    public static RouteGroupBuilder MapProjectStreamApi(this RouteGroupBuilder api)
    {
        api.MapGroup("/projects").WithTags("Projects")
            .MapGet("/{id}/stream", StreamAsync).WithName("StreamProject")
            .WithSummary("Server-Sent Events: history events (id = history position, resumable with Last-Event-ID), status changes, and a final 'end'.");
        return api;
    }

    private static async Task<Results<ServerSentEventsResult<string>, ProblemHttpResult>> StreamAsync(
        string id,
        string? lastEventId,
        HttpContext http,
        ProjectClient projects,
        NexusDurableTaskClient durable,
        IOptions<NexusHostOptions> options,
        IOptions<JsonOptions> json,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var resumeFrom = http.Request.Headers["Last-Event-ID"].ToString() is { Length: > 0 } header ? header : lastEventId;
        var last = -1;
        if (resumeFrom is not null && (!int.TryParse(resumeFrom, NumberStyles.None, CultureInfo.InvariantCulture, out last) || last > 10_000_000))
        {
            return ProblemDetailsDefaults.BadRequest("Last-Event-ID: must be the id of a history event (a number).");
        }

        var (_, problem) = await ProjectLookup.FindAsync(projects, id, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        return TypedResults.ServerSentEvents(
            EventsAsync(id, last + 1, projects, durable, options.Value.StreamHeartbeat, json.Value.SerializerOptions, time, http.RequestAborted));
    }

    private static async IAsyncEnumerable<SseItem<string>> EventsAsync(
        string id, int next, ProjectClient projects, NexusDurableTaskClient durable, TimeSpan heartbeat, JsonSerializerOptions json, TimeProvider time,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? lastStatus = null;
        var quietSince = time.GetTimestamp();
        using var live = projects.Activity.Subscribe(id);
        var recent = new Queue<LiveActivity>(live.Recent);
        Task? changed = null;
        Task<bool>? arrived = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            var sent = false;
            string? status = null;
            var completed = false;

            // Live activity alone wakes the loop without a read of the store: only a change (or the fallback tick) does.
            if (changed is null || changed.IsCompleted)
            {
                // Listen before reading, so a commit that lands between the reads and the wait still wakes this stream.
                changed = projects.WaitForChangeAsync(id, PollFallback < heartbeat ? PollFallback : heartbeat, cancellationToken);

                // Status first, then history: a finished status read before the history guarantees the history read is complete.
                var metadata = await durable.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
                if (metadata is null)
                {
                    yield return new SseItem<string>("{\"reason\":\"purged\"}", "end");
                    yield break;
                }

                var history = await durable.GetHistoryAsync(id, cancellationToken).ConfigureAwait(false);
                status = JsonSerializer.Serialize(ProjectResponses.Status(metadata, showInput: false), json);
                completed = metadata.IsCompleted;
                if (!completed && !string.Equals(status, lastStatus, StringComparison.Ordinal))
                {
                    yield return new SseItem<string>(status, "status");
                    lastStatus = status;
                    sent = true;
                }

                for (; next < history.Count; next++)
                {
                    var item = JsonSerializer.Serialize(ProjectResponses.History(history[next], next, includeData: true), json);
                    yield return new SseItem<string>(item, "history") { EventId = next.ToString(CultureInfo.InvariantCulture) };
                    sent = true;
                }
            }

            while (recent.TryDequeue(out var activity) || live.Reader.TryRead(out activity))
            {
                yield return new SseItem<string>(JsonSerializer.Serialize(activity, json), "activity");
                sent = true;
            }

            if (completed)
            {
                yield return new SseItem<string>(status!, "end");
                yield break;
            }

            if (sent)
            {
                quietSince = time.GetTimestamp();
            }
            else if (time.GetElapsedTime(quietSince) >= heartbeat)
            {
                yield return new SseItem<string>("{}", "ping");
                quietSince = time.GetTimestamp();
            }

            arrived ??= live.Reader.WaitToReadAsync(cancellationToken).AsTask();
            if (await Task.WhenAny(changed, arrived).ConfigureAwait(false) == arrived)
            {
                arrived = null;
            }
        }
    }
}

using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Nexus.Workflows.Live;

namespace Nexus.Cli.Remote;

/// <summary>The <c>activity</c> events of a project's event stream on a host (<c>GET /api/projects/{id}/stream</c>): the
/// live agent activity of the steps that host runs.</summary>
/// <remarks>Best effort, beside <see cref="ProjectEventStream"/> (which carries the views and reconnects): live activity
/// is not history, so a dropped connection or an unreadable event only ends or skips it; the stream ends with the
/// project.</remarks>
internal static class ProjectActivityStream
{
    public static async IAsyncEnumerable<LiveActivity> ReadAsync(
        ServerConnection server, string projectId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var response = await server.SendAsync(HttpMethod.Get, $"api/projects/{Uri.EscapeDataString(projectId)}/stream", stream: true, cancellationToken: cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            yield break;
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await foreach (var item in SseParser.Create(body).EnumerateAsync(cancellationToken))
        {
            if (item.EventType == "end")
            {
                yield break;
            }

            if (item.EventType == "activity" && Parse(item.Data) is { } activity)
            {
                yield return activity;
            }
        }
    }

    private static LiveActivity? Parse(string data)
    {
        try
        {
            return JsonSerializer.Deserialize<LiveActivity>(data, ServerConnection.Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

using System.Net.ServerSentEvents;
using Xunit;

namespace Nexus.Server.Tests.Support;

/// <summary>Reads a project's event stream until a condition, returning every event seen.</summary>
internal static class SseReader
{
    public static async Task<List<SseItem<string>>> ReadAsync(
        HttpClient client, string url, string? lastEventId, Func<SseItem<string>, List<SseItem<string>>, bool> stopAfter, Func<SseItem<string>, Task>? onEach = null, TimeSpan? timeout = null)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(timeout ?? TimeSpan.FromSeconds(60));
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync(cts.Token);
        var items = new List<SseItem<string>>();
        await foreach (var item in SseParser.Create(stream).EnumerateAsync(cts.Token))
        {
            items.Add(item);
            if (onEach is not null)
            {
                await onEach(item);
            }

            if (stopAfter(item, items))
            {
                break;
            }
        }

        return items;
    }
}

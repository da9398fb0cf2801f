using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Nexus.Benchmarks.Host;

/// <summary>A minimal Server-Sent Events reader over a raw <see cref="HttpClient"/> response stream (no SSE library): lines
/// <c>field: value</c>, a blank line dispatches the event, lines starting with <c>:</c> are comments. Reads until the
/// <c>end</c> event or the end of the stream.</summary>
internal static class SseStreamReader
{
    public static async Task<List<SseArrival>> ReadAsync(HttpClient client, string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"GET {path} answered {(int)response.StatusCode}: {text}"));
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var events = new List<SseArrival>();
        string? type = null;
        string? id = null;
        var hasData = false;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (hasData)
                {
                    var arrival = new SseArrival(type ?? "message", id, Stopwatch.GetTimestamp());
                    events.Add(arrival);
                    if (arrival.Type == "end")
                    {
                        break;
                    }
                }

                type = null;
                id = null;
                hasData = false;
                continue;
            }

            if (line[0] == ':')
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? string.Empty : line[(colon + 1)..];
            if (value.StartsWith(' '))
            {
                value = value[1..];
            }

            switch (field)
            {
                case "event": type = value; break;
                case "id": id = value; break;
                case "data": hasData = true; break;
                default: break;
            }
        }

        return events;
    }
}

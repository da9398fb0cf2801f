using System.Globalization;
using System.Net;
using System.Net.ServerSentEvents;
using System.Text.Json;
using System.Threading.Channels;
using Nexus.Durable;
using Nexus.Api.Contracts;
using Nexus.Workflows.Model;
using Nexus.Hosting;

namespace Nexus.Cli.Remote;

/// <summary>Follows a project through the host's event stream (<c>GET /api/projects/{id}/stream</c>, Server-Sent Events):
/// each <c>status</c> and the final <c>end</c> event becomes a view; history events only move the resume position.</summary>
/// <remarks>A dropped connection (the host restarts, a proxy times out) is opened again with <c>Last-Event-ID</c>, so no
/// history is sent twice; after <see cref="RetryDelays"/> are used up without a connection, the last error ends the stream.
/// Only the newest view is kept: a slow reader skips intermediate views, never the final one.</remarks>
internal sealed class ProjectEventStream : IAsyncDisposable
{
    /// <summary>The waits before each new attempt to connect, in a row.</summary>
    private static readonly TimeSpan[] RetryDelays = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8)];

    private readonly ServerConnection _server;
    private readonly string _projectId;
    private readonly ProjectRequest? _request;
    private readonly string _workspace;
    private readonly TimeProvider _time;
    private readonly Channel<ProjectView> _views =
        Channel.CreateBounded<ProjectView>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true, SingleWriter = true });

    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pump;
    private int _lastEventId = -1;

    private ProjectEventStream(ServerConnection server, string projectId, ProjectRequest? request, string workspace, TimeProvider time)
    {
        _server = server;
        _projectId = projectId;
        _request = request;
        _workspace = workspace;
        _time = time;
        _pump = Task.Run(() => PumpAsync(_stop.Token));
    }

    /// <summary>Connects in the background; <paramref name="request"/> and <paramref name="workspace"/> complete the views
    /// (the stream's statuses leave the input out).</summary>
    public static ProjectEventStream Open(ServerConnection server, string projectId, ProjectRequest? request, string workspace, TimeProvider time) =>
        new(server, projectId, request, workspace, time);

    /// <summary>The next view, or <paramref name="current"/> again when nothing changed within <paramref name="tick"/>.</summary>
    /// <exception cref="ServerException">The host cannot be reached any more, or answered with a problem.</exception>
    /// <exception cref="InstanceNotFoundException">The project was purged.</exception>
    public async Task<ProjectView> NextAsync(ProjectView current, TimeSpan tick, CancellationToken cancellationToken = default)
    {
        using var limit = new CancellationTokenSource(tick, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
        try
        {
            if (await _views.Reader.WaitToReadAsync(linked.Token) && _views.Reader.TryRead(out var next))
            {
                return next;
            }
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return current;
        }

        throw new ServerException($"the event stream of project {_projectId} on {_server.Display} ended before the project did");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _pump;
        _stop.Dispose();
    }

    private async Task PumpAsync(CancellationToken cancellationToken)
    {
        Exception? error = null;
        try
        {
            await ReadUntilEndAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped by the reader.
        }
#pragma warning disable CA1031 // Whatever ended the stream is handed to the reader, who reports it.
        catch (Exception e)
#pragma warning restore CA1031
        {
            error = e;
        }
        finally
        {
            _views.Writer.TryComplete(error);
        }
    }

    private async Task ReadUntilEndAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        while (true)
        {
            Exception? failure;
            try
            {
                if (await ReadConnectionAsync(() => failures = 0, cancellationToken))
                {
                    return;
                }

                failure = new ServerException($"the event stream of project {_projectId} on {_server.Display} closed early") { Unreachable = true };
            }
            catch (ServerException e) when (e.Unreachable)
            {
                failure = e;
            }
            catch (Exception e) when (e is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
            {
                failure = new ServerException($"lost the connection to the server at {_server.Display}: {CommandAction.OneLine(e.Message)}", e) { Unreachable = true };
            }

            if (failures >= RetryDelays.Length)
            {
                throw failure;
            }

            await Task.Delay(RetryDelays[failures++], _time, cancellationToken);
        }
    }

    // One connection: true when the project's end was read.
    private async Task<bool> ReadConnectionAsync(Action connected, CancellationToken cancellationToken)
    {
        var headers = _lastEventId >= 0
            ? new Dictionary<string, string> { ["Last-Event-ID"] = _lastEventId.ToString(CultureInfo.InvariantCulture) }
            : null;
        using var response = await _server.SendAsync(HttpMethod.Get, $"api/projects/{Uri.EscapeDataString(_projectId)}/stream", headers: headers, stream: true, cancellationToken: cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new InstanceNotFoundException($"project '{_projectId}' no longer exists on {_server.Display} (purged while it was watched)");
        }

        if (!response.IsSuccessStatusCode)
        {
            throw await _server.FailureAsync(response, cancellationToken);
        }

        connected();
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await foreach (var item in SseParser.Create(body).EnumerateAsync(cancellationToken))
        {
            switch (item.EventType)
            {
                case "history" when int.TryParse(item.EventId, NumberStyles.None, CultureInfo.InvariantCulture, out var position):
                    _lastEventId = position;
                    break;
                case "status":
                    _views.Writer.TryWrite(View(item.Data));
                    break;
                case "end":
                    if (IsPurged(item.Data))
                    {
                        throw new InstanceNotFoundException($"project '{_projectId}' no longer exists on {_server.Display} (purged while it was watched)");
                    }

                    _views.Writer.TryWrite(View(item.Data));
                    return true;
                default:
                    break; // ping, and whatever a newer host adds
            }
        }

        return false;
    }

    // The host ends the stream of a project that disappeared with {"reason": "purged"} instead of a status.
    private static bool IsPurged(string data)
    {
        try
        {
            using var document = JsonDocument.Parse(data);
            return document.RootElement is { ValueKind: JsonValueKind.Object } root && !root.TryGetProperty("instanceId", out _)
                && root.TryGetProperty("reason", out var reason) && reason.ValueKind == JsonValueKind.String && reason.GetString() == "purged";
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private ProjectView View(string data)
    {
        ProjectStatusResponse? status;
        try
        {
            status = JsonSerializer.Deserialize<ProjectStatusResponse>(data, ServerConnection.Json);
        }
        catch (JsonException e)
        {
            throw new ServerException($"the server at {_server.Display} sent a status this nexus cannot read ({CommandAction.OneLine(e.Message)})");
        }

        return RemoteViews.View(status ?? throw new ServerException($"the server at {_server.Display} sent an empty status"), _request, _workspace);
    }
}

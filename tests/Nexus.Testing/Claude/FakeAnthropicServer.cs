using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Nexus.Testing.Claude;

/// <summary>
/// A local stand-in for the Anthropic Messages API, enough for the real <c>claude</c> CLI: <c>POST /v1/messages</c> answered
/// with Server-Sent Events (message_start, content_block_start/delta/stop, message_delta, message_stop) of scripted replies,
/// <c>HEAD /</c> answered, and every request body recorded.
/// </summary>
/// <remarks>Replies are scripted per <c>model</c> (the CLI passes <c>--model</c> through unchanged); other models get a plain text reply.</remarks>
public sealed class FakeAnthropicServer : IAsyncDisposable
{
    /// <summary>The reply for a model nobody scripted.</summary>
    public const string DefaultText = "Hello from the fake Anthropic API.";

    private const int InputTokens = 25;
    private const int OutputTokens = 7;

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentDictionary<string, Func<RecordedRequest, FakeReply>> _scripts = new(StringComparer.Ordinal);
    private int _headRequests;

    private FakeAnthropicServer(WebApplication app) => _app = app;

    /// <summary>The address to put in <c>ANTHROPIC_BASE_URL</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Every <c>POST /v1/messages</c> so far, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>How many <c>HEAD /</c> preconnects arrived.</summary>
    public int HeadRequests => Volatile.Read(ref _headRequests);

    /// <summary>The requests for <paramref name="model"/>.</summary>
    public IReadOnlyList<RecordedRequest> RequestsFor(string model) => [.. _requests.Where(request => request.Model == model)];

    /// <summary>Scripts the replies for <paramref name="model"/>.</summary>
    public void Script(string model, Func<RecordedRequest, FakeReply> reply) => _scripts[model] = reply;

    /// <summary>Scripts <paramref name="model"/> to use a tool first and, on the follow-up carrying the <c>tool_result</c>, to answer <paramref name="finalText"/>.</summary>
    public void ScriptToolThenText(string model, string toolName, object input, string finalText) =>
        Script(model, request => request.LastMessageHasToolResult ? FakeReply.Text(finalText) : FakeReply.ToolUse(toolName, input));

    /// <summary>Starts the server on 127.0.0.1 with a free port.</summary>
    public static async Task<FakeAnthropicServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(2));
        var app = builder.Build();
        var server = new FakeAnthropicServer(app);
        app.MapMethods("/", ["HEAD", "GET"], () =>
        {
            Interlocked.Increment(ref server._headRequests);
            return Results.Ok();
        });
        app.MapPost("/v1/messages", server.HandleMessagesAsync);
        app.MapFallback(() => Results.NotFound());
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address);
        return server;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    private async Task HandleMessagesAsync(HttpContext context)
    {
        using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        var headers = context.Request.Headers.ToDictionary(header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var request = new RecordedRequest(context.Request.Path + context.Request.QueryString, headers, document.RootElement.Clone());
        _requests.Enqueue(request);

        var reply = _scripts.TryGetValue(request.Model, out var script) ? script(request) : FakeReply.Text(DefaultText);
        switch (reply)
        {
            case FakeReply.ErrorReply error:
                context.Response.StatusCode = error.Status;
                await context.Response.WriteAsJsonAsync(
                    new { type = "error", error = new { type = error.Type, message = error.Message } }, context.RequestAborted);
                break;
            case FakeReply.HangReply:
                await HangAsync(context.RequestAborted);
                break;
            case FakeReply.TextReply text:
                await StreamAsync(context, request.Model, stopReason: "end_turn",
                    new { type = "text", text = string.Empty },
                    new { type = "text_delta", text = text.Value });
                break;
            case FakeReply.ToolUseReply tool:
                await StreamAsync(context, request.Model, stopReason: "tool_use",
                    new { type = "tool_use", id = tool.Id, name = tool.Name, input = new { } },
                    new { type = "input_json_delta", partial_json = tool.Input.GetRawText() });
                break;
            default:
                throw new InvalidOperationException($"Unknown reply {reply}.");
        }
    }

    private async Task HangAsync(CancellationToken requestAborted)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, _app.Lifetime.ApplicationStopping);
        try
        {
            await Task.Delay(Timeout.Infinite, linked.Token);
        }
        catch (OperationCanceledException)
        {
            // The client gave up or the server is stopping.
        }
    }

    private static async Task StreamAsync(HttpContext context, string model, string stopReason, object contentBlock, object delta)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["request-id"] = $"req_{Guid.NewGuid():N}";
        var messageId = $"msg_{Guid.NewGuid():N}";
        (string Name, object Data)[] events =
        [
            ("message_start", new
            {
                type = "message_start",
                message = new
                {
                    id = messageId, type = "message", role = "assistant", model, content = Array.Empty<object>(),
                    stop_reason = (string?)null, stop_sequence = (string?)null,
                    usage = new { input_tokens = InputTokens, output_tokens = 1 },
                },
            }),
            ("content_block_start", new { type = "content_block_start", index = 0, content_block = contentBlock }),
            ("content_block_delta", new { type = "content_block_delta", index = 0, delta }),
            ("content_block_stop", new { type = "content_block_stop", index = 0 }),
            ("message_delta", new { type = "message_delta", delta = new { stop_reason = stopReason, stop_sequence = (string?)null }, usage = new { output_tokens = OutputTokens } }),
            ("message_stop", new { type = "message_stop" }),
        ];

        foreach (var (name, data) in events)
        {
            await context.Response.WriteAsync($"event: {name}\ndata: {JsonSerializer.Serialize(data)}\n\n", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }
    }
}

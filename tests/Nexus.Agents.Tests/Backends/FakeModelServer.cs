using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Nexus.Agents.Tests.Backends;

/// <summary>
/// A model API on Kestrel at 127.0.0.1:&lt;free port&gt; that records every request and answers with scripted responses in
/// order. The scripts speak the real wire formats (see <see cref="OpenAIWire"/> and <see cref="AnthropicWire"/>).
/// </summary>
internal sealed class FakeModelServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Func<RecordedRequest, CancellationToken, Task<ScriptedResponse>>> _script = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    private FakeModelServer(WebApplication app) => _app = app;

    public Uri BaseUri { get; private set; } = null!;

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    public static async Task<FakeModelServer> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FakeModelServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.BaseUri = new Uri(address);
        return server;
    }

    public FakeModelServer Reply(int status, string body) => Reply(_ => new ScriptedResponse(status, body));

    public FakeModelServer Reply(Func<RecordedRequest, ScriptedResponse> respond) => Reply((request, _) => Task.FromResult(respond(request)));

    public FakeModelServer Reply(Func<RecordedRequest, CancellationToken, Task<ScriptedResponse>> respond)
    {
        _script.Enqueue(respond);
        return this;
    }

    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stopping.Token);
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var request = new RecordedRequest(
            context.Request.Method,
            context.Request.Path + context.Request.QueryString,
            context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()),
            body);
        _requests.Enqueue(request);

        ScriptedResponse response;
        try
        {
            response = _script.TryDequeue(out var respond)
                ? await respond(request, context.RequestAborted)
                : new ScriptedResponse(500, """{"error":{"message":"the fake server has no scripted response left","type":"server_error"}}""");
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        response = AsTheRequestAsks(request, response);
        context.Response.StatusCode = response.Status;
        context.Response.ContentType = response.ContentType;
        await context.Response.WriteAsync(response.Body, context.RequestAborted);
    }

    // A chat completion scripted whole is sent the way the request asked for it: streamed for "stream": true (with the
    // usage chunk only when stream_options.include_usage asks for it), as the OpenAI API does.
    private static ScriptedResponse AsTheRequestAsks(RecordedRequest request, ScriptedResponse response)
    {
        if (response.Status != 200 || response.ContentType != "application/json" || !request.Body.Contains("\"stream\"", StringComparison.Ordinal))
        {
            return response;
        }

        var body = request.Json;
        if (!body.TryGetProperty("stream", out var stream) || stream.ValueKind != JsonValueKind.True
            || !response.Body.Contains("\"chat.completion\"", StringComparison.Ordinal))
        {
            return response;
        }

        var includeUsage = body.TryGetProperty("stream_options", out var options) && options.TryGetProperty("include_usage", out var usage) && usage.ValueKind == JsonValueKind.True;
        return response with { Body = OpenAIWire.StreamOf(response.Body, includeUsage), ContentType = "text/event-stream" };
    }
}

internal sealed record ScriptedResponse(int Status, string Body, string ContentType = "application/json");

internal sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();

    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : null;
}

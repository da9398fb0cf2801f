using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Nexus.Workflows.Tests.Memory;

/// <summary>An OpenAI-compatible chat completions server on 127.0.0.1 (a free port) that records every request's prompt
/// and answers with one fixed reply in the backend's edit format, whole or streamed as the request asks.</summary>
internal sealed class FakeChatModel : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<string> _prompts = new();

    private FakeChatModel(WebApplication app) => _app = app;

    /// <summary>The base address for <c>OLLAMA_BASE_URL</c> (…/v1).</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The user messages of the requests so far, in order.</summary>
    public IReadOnlyList<string> Prompts => [.. _prompts];

    public static async Task<FakeChatModel> StartAsync(string reply, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeChatModel(app);
        app.MapPost("/v1/chat/completions", async (HttpContext context) =>
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body);
            var messages = body.RootElement.GetProperty("messages").EnumerateArray()
                .Where(m => m.GetProperty("role").GetString() == "user")
                .Select(m => m.GetProperty("content") is { ValueKind: JsonValueKind.String } text ? text.GetString() : m.GetProperty("content").ToString());
            fake._prompts.Enqueue(string.Join("\n", messages));
            var stream = body.RootElement.TryGetProperty("stream", out var s) && s.GetBoolean();
            context.Response.ContentType = stream ? "text/event-stream" : "application/json";
            await context.Response.WriteAsync(stream ? Streamed(reply) : Whole(reply));
        });
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.BaseAddress = new Uri(address.TrimEnd('/') + "/v1");
        return fake;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static string Whole(string content) => JsonSerializer.Serialize(new
    {
        id = "chatcmpl-memory",
        @object = "chat.completion",
        created = 1764892800,
        model = "llama3.2",
        choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = "stop" } },
        usage = new { prompt_tokens = 100, completion_tokens = 50, total_tokens = 150 },
    });

    private static string Streamed(string content)
    {
        static string Chunk(object delta, string? finish) => "data: " + JsonSerializer.Serialize(new
        {
            id = "chatcmpl-memory",
            @object = "chat.completion.chunk",
            created = 1764892800,
            model = "llama3.2",
            choices = new[] { new { index = 0, delta, finish_reason = finish } },
        }) + "\n\n";

        return Chunk(new { role = "assistant", content = string.Empty }, null) + Chunk(new { content }, null) + Chunk(new { }, "stop") + "data: [DONE]\n\n";
    }
}

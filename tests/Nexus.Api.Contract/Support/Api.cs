using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Nexus.Durable;
using Nexus.Workflows.Hosting;
using Shouldly;
using Xunit;
using Nexus.Hosting;

namespace Nexus.Api.Contract.Support;

/// <summary>Request helpers, problem-details assertions and waits (on the engine's change notifications, not sleeps).</summary>
public static class Api
{
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..10]}";

    /// <summary>A replay project on the demo scenario (approvePlan parks it at the gate after Aria's plan: cheap).</summary>
    public static object Demo(string? id = null, bool approvePlan = true) => new
    {
        description = "slugkit: slugify(text, { separator, maxLength }) and isSlug(value)",
        id,
        provider = "replay",
        scenario = "demo",
        testCommand = "node --test",
        technology = "Node.js 20",
        approvePlan,
    };

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return client.SendAsync(request, Ct);
    }

    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string url, string body, string contentType = "application/json") =>
        client.PostAsync(url, new StringContent(body, Encoding.UTF8, contentType), Ct);

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    public static async Task<JsonElement> ShouldBeAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(status, text);
        using var document = JsonDocument.Parse(text.Length == 0 ? "null" : text);
        return document.RootElement.Clone();
    }

    /// <summary>Asserts an RFC 7807 answer with <paramref name="status"/> and nothing of the inside (no stack trace).</summary>
    public static async Task<JsonElement> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(status, text);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", text);
        text.ShouldNotContain("   at ", Case.Sensitive, "a stack trace leaked");
        text.ShouldNotContain("Exception:", Case.Sensitive, "an exception leaked");
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement.Clone();
        root.GetProperty("status").GetInt32().ShouldBe((int)status);
        root.GetProperty("title").GetString().ShouldNotBeNullOrEmpty();
        return root;
    }

    public static async Task<string> StartAsync(this HttpClient client, object body)
    {
        var response = await client.PostJsonAsync("/api/projects", body);
        return (await response.ShouldBeAsync(HttpStatusCode.Accepted)).GetProperty("id").GetString()!;
    }

    /// <summary>Waits until the project's custom status reaches <paramref name="phase"/>.</summary>
    public static Task WaitForPhaseAsync(this ProjectClient projects, string id, string phase) =>
        WaitForAsync(projects, id, v => v?.Status?.Phase == phase, $"phase {phase}");

    public static Task WaitForStatusAsync(this ProjectClient projects, string id, OrchestrationRuntimeStatus status) =>
        WaitForAsync(projects, id, v => v?.RuntimeStatus == status, $"status {status}");

    public static async Task WaitForAsync(ProjectClient projects, string id, Func<ProjectView?, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!condition(await projects.GetAsync(id, cancellationToken: Ct)))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {id} to reach {what}.");
            }

            await projects.WaitForChangeAsync(id, TimeSpan.FromMilliseconds(200), Ct);
        }
    }

    /// <summary>Polls until <paramref name="condition"/> holds (for state without change notifications, such as the queue).</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting until {what}.");
            }

            await Task.Delay(20, Ct);
        }
    }
}

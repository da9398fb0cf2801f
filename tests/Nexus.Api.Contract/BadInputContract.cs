using System.Net;
using System.Text;
using System.Text.Json;
using Shouldly;
using Xunit;
using static Nexus.Api.Contract.Support.Api;

namespace Nexus.Api.Contract;

/// <summary>Bad input of every kind gets a 4xx problem details answer, never a 5xx, and starts nothing. Run against both hosts
/// (Nexus.Server.Tests and Nexus.Functions.Tests derive from it), each on a host of its own (a class fixture), so "nothing
/// started" means the project list stays empty.</summary>
public abstract class BadInputContract(IApiHost app)
{
    private static readonly string Long = new('x', 20_001);

    public static TheoryData<string, string, string?, string, int> Cases => new()
    {
        { "malformed JSON", "/api/projects", "{\"description\": \"x\"", "application/json", 400 },
        { "trailing garbage", "/api/projects", "{\"description\": \"x\"} tail", "application/json", 400 },
        { "description is a number", "/api/projects", "{\"description\": 5}", "application/json", 400 },
        { "maxIterations is a string", "/api/projects", "{\"description\": \"x\", \"maxIterations\": \"5\"}", "application/json", 400 },
        { "approvePlan is a string", "/api/projects", "{\"description\": \"x\", \"approvePlan\": \"yes\"}", "application/json", 400 },
        { "budgetUsd is a word", "/api/projects", "{\"description\": \"x\", \"budgetUsd\": \"ten\"}", "application/json", 400 },
        { "empty object", "/api/projects", "{}", "application/json", 400 },
        { "description missing", "/api/projects", "{\"provider\": \"replay\"}", "application/json", 400 },
        { "blank description", "/api/projects", "{\"description\": \"   \"}", "application/json", 400 },
        { "null body", "/api/projects", "null", "application/json", 400 },
        { "empty body", "/api/projects", "", "application/json", 400 },
        { "array body", "/api/projects", "[]", "application/json", 400 },
        { "description too long", "/api/projects", $"{{\"description\": \"{Long}\"}}", "application/json", 400 },
        { "requirements too long", "/api/projects", $"{{\"description\": \"x\", \"requirements\": \"{Long}\"}}", "application/json", 400 },
        { "maxIterations 0", "/api/projects", "{\"description\": \"x\", \"maxIterations\": 0}", "application/json", 400 },
        { "maxIterations 21", "/api/projects", "{\"description\": \"x\", \"maxIterations\": 21}", "application/json", 400 },
        { "maxIterations overflow", "/api/projects", "{\"description\": \"x\", \"maxIterations\": 99999999999}", "application/json", 400 },
        { "budget 0", "/api/projects", "{\"description\": \"x\", \"budgetUsd\": 0}", "application/json", 400 },
        { "budget negative", "/api/projects", "{\"description\": \"x\", \"budgetUsd\": -1}", "application/json", 400 },
        { "unknown provider", "/api/projects", "{\"description\": \"x\", \"provider\": \"skynet\"}", "application/json", 400 },
        { "model of another provider", "/api/projects", "{\"description\": \"x\", \"provider\": \"claude\", \"model\": \"gpt-4.1\"}", "application/json", 400 },
        { "ollama without a model", "/api/projects", "{\"description\": \"x\", \"provider\": \"ollama\"}", "application/json", 400 },
        { "scenario with a path", "/api/projects", "{\"description\": \"x\", \"scenario\": \"../../etc\"}", "application/json", 400 },
        { "id with a slash", "/api/projects", "{\"description\": \"x\", \"id\": \"a/b\"}", "application/json", 400 },
        { "id with dots", "/api/projects", "{\"description\": \"x\", \"id\": \"../up\"}", "application/json", 400 },
        { "id with a space", "/api/projects", "{\"description\": \"x\", \"id\": \"a b\"}", "application/json", 400 },
        { "id too long", "/api/projects", $"{{\"description\": \"x\", \"id\": \"{new string('a', 65)}\"}}", "application/json", 400 },
        { "unknown field", "/api/projects", "{\"description\": \"x\", \"descripton\": \"typo\"}", "application/json", 400 },
        { "negative replay delay", "/api/projects", "{\"description\": \"x\", \"replayDelaySeconds\": -1}", "application/json", 400 },
        { "unknown template", "/api/projects", "{\"description\": \"x\", \"template\": \"cobol-mainframe\"}", "application/json", 400 },
        { "template with a path", "/api/projects", "{\"description\": \"x\", \"template\": \"../node-library\"}", "application/json", 400 },
        { "text/plain", "/api/projects", "{\"description\": \"x\"}", "text/plain", 415 },
        { "tasks: malformed JSON", "/api/tasks/create", "{", "application/json", 400 },
        { "tasks: unknown field", "/api/tasks/create", "{\"description\": \"x\", \"evil\": true}", "application/json", 400 },
        { "queue: not an envelope", "/api/queue", "{\"description\": \"x\"}", "application/json", 400 },
        { "event on an unknown project", "/api/projects/ghost/events/approval", "{\"approved\": true}", "application/json", 404 },
        { "event name with a space", "/api/projects/ghost/events/no%20space", "{}", "application/json", 400 },
        { "event name with a path", "/api/projects/ghost/events/..%2Fapproval", "{}", "application/json", 400 },
        { "agent message: wrong types", "/api/agents/aria/message", "{\"projectId\": [], \"message\": 1}", "application/json", 400 },
        { "raised event: not JSON", "/api/projects/ghost/events/operator-note", "{\"note\": oops}", "application/json", 400 },
        { "raised event name starts with a digit", "/api/projects/ghost/events/1note", "{}", "application/json", 400 },
    };

    /// <summary>Every POST route × a malformed body, wrong types, no body, a non-object and the wrong content type.</summary>
    public static TheoryData<string, string, string> WordingCases
    {
        get
        {
            var data = new TheoryData<string, string, string>();
            string[] routes =
            [
                "/api/projects", "/api/projects/purge", "/api/projects/ghost/terminate", "/api/projects/ghost/suspend",
                "/api/projects/ghost/resume", "/api/projects/ghost/events/approval", "/api/projects/ghost/events/operator-note",
                "/api/projects/ghost/restart", "/api/projects/ghost/retry", "/api/tasks/create", "/api/agents/aria/message", "/api/queue",
            ];
            string[] bodies =
            [
                "{bad", "{\"description\": 5, \"approved\": \"yes\", \"feedback\": 5, \"maxIterations\": \"x\", \"ids\": 5, \"projectId\": [], \"message\": 1}",
                string.Empty, "[1]", "\"text\"",
            ];
            foreach (var route in routes)
            {
                foreach (var body in bodies)
                {
                    data.Add(route, body, "application/json");
                }

                data.Add(route, "{\"description\": \"x\"}", "text/plain");
            }

            return data;
        }
    }

    // Issue 14: a detail is a sentence in the product's words, never the framework's ("Implicit body inferred for parameter …")
    // or the serializer's ("The JSON value could not be converted to Nexus.…", "Path: $ | LineNumber: 0 | BytePositionInLine: 1").
    [Theory]
    [MemberData(nameof(WordingCases))]
    public async Task Post_BadBodyOnAnyRoute_DetailSaysWhatIsWrongWithoutFrameworkWords(string url, string body, string contentType)
    {
        using var client = app.CreateApiClient();

        var response = await client.PostRawAsync(url, body, contentType);

        var text = await response.Content.ReadAsStringAsync(Ct);
        ((int)response.StatusCode).ShouldBeInRange(400, 499, text);
        using var document = JsonDocument.Parse(text);
        var detail = document.RootElement.GetProperty("detail").GetString();
        detail.ShouldNotBeNullOrWhiteSpace(text);
        foreach (var internals in new[] { "Implicit body", "parameter", "LineNumber", "BytePositionInLine", "Path: $", "isFinalBlock", "could not be converted", "System.", "Nexus.", "JSON token", })
        {
            detail.ShouldNotContain(internals, Case.Insensitive, $"{url} ({contentType}) {body}");
        }
    }

    // Issue 14: characters count as a person counts them — 20,000 emoji are 20,000 characters (40,000 UTF-16 units).
    [Fact]
    public async Task Post_DescriptionOfTwentyThousandEmoji_IsNotTooLong()
    {
        using var client = app.CreateApiClient();
        var emoji = string.Concat(Enumerable.Repeat("\U0001F600", 20_000));

        var fits = await client.PostRawAsync("/api/projects", $"{{\"description\": \"{emoji}\", \"provider\": \"skynet\"}}");
        var over = await client.PostRawAsync("/api/projects", $"{{\"description\": \"{emoji}\U0001F600\", \"provider\": \"skynet\"}}");

        // An unknown provider stops both before anything starts; only the second is refused for its length too (every
        // problem is named, in field order).
        var fitsDetail = (await fits.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("detail").GetString();
        fitsDetail.ShouldNotBeNull().ShouldStartWith("provider:");
        var overDetail = (await over.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("detail").GetString();
        overDetail.ShouldBe("description: must be at most 20,000 characters (it has 20,001). provider: 'skynet' is not one of claude, openai, azure-openai, anthropic, ollama, replay.");
        await ShouldHaveNoProjectsAsync(client, "emoji descriptions");
    }

    [Theory]
    [InlineData("/api/projects?orderBy=cost")]
    [InlineData("/api/projects?orderBy=createdTime%20sideways")]
    [InlineData("/api/projects?search=a%1Bb")]
    public async Task Get_BadMonitorQuery_Returns400Problem(string url)
    {
        using var client = app.CreateApiClient();

        await (await client.GetAsync(url, Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Post_BadInput_Returns4xxProblemAndStartsNothing(string what, string url, string? body, string contentType, int status)
    {
        using var client = app.CreateApiClient();
        using var content = new StringContent(body ?? string.Empty, Encoding.UTF8);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);

        var response = await client.PostAsync(url, content, Ct);

        await response.ShouldBeProblemAsync((HttpStatusCode)status);
        await ShouldHaveNoProjectsAsync(client, what);
    }

    [Fact]
    public async Task Post_UnknownTemplate_Returns400ListingTheKnownTemplates()
    {
        using var client = app.CreateApiClient();

        var problem = await (await client.PostRawAsync("/api/projects", "{\"description\": \"x\", \"template\": \"cobol-mainframe\"}")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        var detail = problem.GetProperty("detail").GetString().ShouldNotBeNull();
        detail.ShouldContain("cobol-mainframe");
        detail.ShouldContain("node-library");
        detail.ShouldContain("dotnet-webapi");
        await ShouldHaveNoProjectsAsync(client, "an unknown template");
    }

    // The JSON escapes put the raw character into the field; the detail names the field and the 1-based position.
    [Theory]
    [InlineData("/api/projects", "{\"description\": \"red \\u001b[31mtext\"}", "description: contains a control character (U+001B) at position 5; only newlines and tabs are allowed.")]
    [InlineData("/api/projects", "{\"description\": \"x\", \"requirements\": \"a\\u0000b\"}", "requirements: contains a control character (U+0000) at position 2; only newlines and tabs are allowed.")]
    [InlineData("/api/projects", "{\"description\": \"x\", \"technology\": \"\\u202egnp.exe\"}", "technology: contains a bidirectional-text control character (U+202E) at position 1; only newlines and tabs are allowed.")]
    [InlineData("/api/projects", "{\"description\": \"x\", \"testCommand\": \"npm test\\roverwritten\"}", "testCommand: contains a carriage return (U+000D) without a newline at position 9; only newlines (\\n or \\r\\n) and tabs are allowed.")]
    [InlineData("/api/tasks/create", "{\"description\": \"\\u2066hidden\"}", "description: contains a bidirectional-text control character (U+2066) at position 1; only newlines and tabs are allowed.")]
    public async Task Post_ControlCharacterInText_Returns400NamingFieldAndPosition(string url, string body, string detail)
    {
        using var client = app.CreateApiClient();

        var problem = await (await client.PostRawAsync(url, body)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        problem.GetProperty("detail").GetString().ShouldBe(detail);
        await ShouldHaveNoProjectsAsync(client, "a control character");
    }

    [Theory]
    [InlineData("/api/projects/..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/api/projects/a%20b")]
    [InlineData("/api/projects/%40entity")]
    [InlineData("/api/projects/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("/api/tasks/a%2Fb/status")]
    [InlineData("/api/projects/x%5Cy/scratchpads")]
    public async Task Get_IdWithPathCharacters_Returns400(string url)
    {
        using var client = app.CreateApiClient();

        await (await client.GetAsync(url, Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Post_BodyOverOneMebibyte_Returns413AndStartsNothing()
    {
        using var client = app.CreateApiClient();
        var huge = "{\"description\": \"" + new string('x', (1 << 20) + 10) + "\"}";

        await (await client.PostRawAsync("/api/projects", huge)).ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        await (await client.PostRawAsync("/api/queue", huge)).ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        using var chunked = new StreamContent(new UnseekableStream(Encoding.UTF8.GetBytes(huge)));
        chunked.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        await (await client.PostAsync("/api/projects", chunked, Ct)).ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        await ShouldHaveNoProjectsAsync(client, "huge bodies");
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("")]
    public async Task Post_InvalidIdempotencyKey_Returns400AndStartsNothing(string key)
    {
        using var client = app.CreateApiClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/projects") { Content = System.Net.Http.Json.JsonContent.Create(Demo()) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key.Length == 0 ? new string('k', 300) : key);

        await (await client.SendAsync(request, Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await ShouldHaveNoProjectsAsync(client, "a bad idempotency key");
    }

    private static async Task ShouldHaveNoProjectsAsync(HttpClient client, string what) =>
        (await (await client.GetAsync("/api/projects", Ct)).ShouldBeAsync(HttpStatusCode.OK)).GetArrayLength().ShouldBe(0, $"{what} started something");

    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}

using System.Net;
using Nexus.Workflows.Memory;
using Shouldly;
using Xunit;
using static Nexus.Api.Contract.Support.Api;

namespace Nexus.Api.Contract;

/// <summary><c>GET /api/memory?q=</c> run against both hosts: <c>nexus serve</c> searches its memory (SQLite FTS5 beside
/// the store); the Function App without a shared PostgreSQL store has none and says so with 503. Without <c>q</c>: 400.</summary>
public abstract class MemoryApiContract(IApiHost app)
{
    private readonly IApiHost _app = app;

    [Theory]
    [InlineData("/api/memory")]
    [InlineData("/api/memory?q=")]
    [InlineData("/api/memory?q=%20%20")]
    public async Task Search_WithoutQ_Is400NamingIt(string url)
    {
        using var client = _app.CreateApiClient();

        var problem = await (await client.GetAsync(url, Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        problem.GetProperty("detail").GetString()!.ShouldStartWith("q: ");
    }

    [Fact]
    public async Task Search_BadLimit_Is400()
    {
        using var client = _app.CreateApiClient();

        (await (await client.GetAsync("/api/memory?q=stack&limit=0", Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest))
            .GetProperty("detail").GetString()!.ShouldStartWith("limit: ");
    }

    [Fact]
    public async Task Search_FindsWhatAProjectStored_OrSaysThereIsNoMemory()
    {
        using var client = _app.CreateApiClient();
        var word = "zq" + Guid.NewGuid().ToString("N")[..10];
        if (_app.Projects.Memory is not { } memory)
        {
            (await (await client.GetAsync($"/api/memory?q={word}", Ct)).ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable))
                .GetProperty("detail").GetString()!.ShouldContain("No memory across projects is configured on this host");
            return;
        }

        var id = NewId("memory");
        await memory.RememberAsync(id, [new MemoryEntry(id, MemoryKinds.Fix, $"Fixed test: {word} parses", "Trim the input first.", DateTimeOffset.UnixEpoch)], [], Ct);
        try
        {
            // Only the unique word (and punctuation): other tests of a shared host leave lessons with ordinary words.
            var found = await (await client.GetAsync($"/api/memory?q={word}%3F&limit=5", Ct)).ShouldBeAsync(HttpStatusCode.OK);

            found.GetProperty("query").GetString().ShouldBe($"{word}?");
            found.GetProperty("store").GetString()!.ShouldNotBeNullOrWhiteSpace();
            var result = found.GetProperty("results").EnumerateArray().ShouldHaveSingleItem();
            result.GetProperty("projectId").GetString().ShouldBe(id);
            result.GetProperty("kind").GetString().ShouldBe("fix");
            result.GetProperty("text").GetString().ShouldBe("Trim the input first.");
        }
        finally
        {
            await memory.ForgetAsync(id, Ct);
        }
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Nexus.Dashboard.Tests.Support;
using Shouldly;
using Xunit;

namespace Nexus.Dashboard.Tests.Hosting;

/// <summary>How the host serves the dashboard: open at <c>/</c> (the API still needs the key), every file of
/// <c>src/Nexus.Server/Dashboard</c> embedded and served as it is in the repository, revalidated through ETags, under a
/// same-origin Content-Security-Policy, and nothing in them pointing outside the server.</summary>
public sealed partial class DashboardFilesTests(DashboardFixture fixture)
{
    private static readonly string[] ExpectedFiles = ["index.html", "styles.css", "app.js", "api.js", "sse.js", "markdown.js", "diff.js", "timeline.js"];

    private readonly TestHost _host = fixture.Host;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Files => [.. Directory.GetFiles(Repository.DashboardSources).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task Root_IsOpenWithoutAKey_WhileTheApiStillNeedsOne()
    {
        using var root = await _host.Http.GetAsync("/", Ct);
        root.StatusCode.ShouldBe(HttpStatusCode.OK);
        root.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var html = await root.Content.ReadAsStringAsync(Ct);
        html.ShouldContain("<script type=\"module\" src=\"app.js\"></script>");

        using var api = await _host.Http.GetAsync("/api/projects", Ct);
        api.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        api.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");

        // A file name under /api is never answered from the dashboard's files.
        using var underApi = await _host.Http.GetAsync("/api/index.html", Ct);
        underApi.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var missing = await _host.Http.GetAsync("/no-such-file.js", Ct);
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public void TheDashboard_HasItsFiles()
    {
        var files = Directory.GetFiles(Repository.DashboardSources).Select(f => Path.GetFileName(f)).ToList();
        foreach (var expected in ExpectedFiles)
        {
            files.ShouldContain(expected);
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task EveryFile_IsServedAsInTheRepository_WithCacheValidationAndAPolicy(string file)
    {
        var source = await File.ReadAllTextAsync(Path.Combine(Repository.DashboardSources, file), Ct);

        using var response = await _host.Http.GetAsync("/" + file, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldBe(source, $"{file} is embedded from src/Nexus.Server/Dashboard (rebuild after editing it)");
        response.Content.Headers.ContentType!.MediaType.ShouldBe(Path.GetExtension(file) switch
        {
            ".html" => "text/html",
            ".css" => "text/css",
            ".js" => "text/javascript",
            var other => throw new ShouldAssertException($"No content type expected for '{other}'"),
        });
        response.Headers.CacheControl!.NoCache.ShouldBeTrue();
        var policy = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        policy.ShouldContain("default-src 'self'");
        policy.ShouldContain("script-src 'self'");
        policy.ShouldContain("connect-src 'self'");
        response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);

        // The browser revalidates: the same ETag answers 304 with no body.
        var etag = response.Headers.ETag.ShouldNotBeNull();
        using var again = new HttpRequestMessage(HttpMethod.Get, "/" + file);
        again.Headers.IfNoneMatch.Add(new EntityTagHeaderValue(etag.Tag));
        using var revalidated = await _host.Http.SendAsync(again, Ct);
        revalidated.StatusCode.ShouldBe(HttpStatusCode.NotModified);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task EveryFile_ReferencesNothingOutsideTheServer(string file)
    {
        var text = Encoding.UTF8.GetString(await File.ReadAllBytesAsync(Path.Combine(Repository.DashboardSources, file), Ct));

        // Any absolute or protocol-relative address (a CDN, a font, an analytics script) — in markup, CSS or JavaScript.
        ExternalAddress().Matches(text).Select(m => m.Value).ShouldBeEmpty($"{file} must not reference another origin");
        if (!file.EndsWith(".js", StringComparison.Ordinal))
        {
            CssImportOrUrl().Matches(text).Select(m => m.Value).ShouldBeEmpty($"{file} loads nothing through CSS");
        }

        if (file.EndsWith(".js", StringComparison.Ordinal))
        {
            foreach (Match import in ModuleImport().Matches(text))
            {
                import.Groups["path"].Value.ShouldStartWith("./", customMessage: $"{file}: modules are imported from this server only");
            }
        }

        if (file.EndsWith(".html", StringComparison.Ordinal))
        {
            foreach (Match reference in HtmlReference().Matches(text))
            {
                reference.Groups["value"].Value.ShouldMatch("^(#.*|data:,|[a-z]+\\.(js|css))$", $"{file}: {reference.Value}");
            }
        }
    }

    [GeneratedRegex(@"(?i)(?:\b(?:https?|wss?|ftp):)?//[a-z0-9-]+(?:\.[a-z0-9-]+)+")]
    private static partial Regex ExternalAddress();

    [GeneratedRegex(@"(?i)(@import|url\()[^;\n]*")]
    private static partial Regex CssImportOrUrl();

    [GeneratedRegex(@"(?m)^\s*import\s[^'""]*['""](?<path>[^'""]+)['""]")]
    private static partial Regex ModuleImport();

    [GeneratedRegex(@"(?i)\b(?:src|href)\s*=\s*""(?<value>[^""]*)""")]
    private static partial Regex HtmlReference();
}

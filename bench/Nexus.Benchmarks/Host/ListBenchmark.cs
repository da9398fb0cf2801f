using System.Diagnostics;
using System.Globalization;
using Nexus.Workflows.Model;

namespace Nexus.Benchmarks.Host;

/// <summary>
/// The dashboard's project list over many projects: the real host (SQLite, durability full) holding
/// <see cref="ListBenchOptions.Projects"/> projects, and the requests the dashboard sends to <c>GET /api/projects</c> — its
/// first page newest first (25 a page), the next page by continuation token, oldest first, by last update, status and id,
/// a status filter, the KPIs (which read every project), and a text
/// search that matches nothing (it reads every project). Each is timed over HTTP on loopback: once cold (the first request
/// after the start, JIT included), then the median and p95 of warm runs. Target: first page in &lt; 300 ms.
/// </summary>
/// <remarks>The projects are started through the project client with the worker off, so they stay Pending: real
/// <c>ProjectOrchestration</c> instances with a stored request (a ~1.5 KB description), without custom status or output.
/// A finished project's row also carries its status (~1–2 KB) and report (~5 KB); the page reads 25 rows either way.</remarks>
internal static class ListBenchmark
{
    private const int PageSize = 25;

    public static async Task RunAsync(ListBenchOptions options, TextWriter output, CancellationToken cancellationToken = default)
    {
        var loadAtStart = LoadAverage.Read();
        await using var host = await BenchHost.StartAsync(runWorker: false, cancellationToken);
        await output.WriteLineAsync($"host {host.BaseAddress} (SQLite, durability full, no worker); load average {loadAtStart}");

        var seeding = Stopwatch.StartNew();
        var description = "Dashboard list benchmark project. " + string.Concat(Enumerable.Repeat("Build a small library with tests, a README and a CLI. ", 28));
        await Parallel.ForEachAsync(
            Enumerable.Range(0, options.Projects),
            new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (i, ct) => await host.Projects.StartAsync(
                new ProjectRequest { Description = $"{description} #{i}", Provider = "replay" },
                string.Create(CultureInfo.InvariantCulture, $"list-{i:D5}"),
                ct));
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"seeded {options.Projects:N0} projects in {seeding.Elapsed.TotalSeconds:0.0} s"));

        using var client = host.CreateClient(1, TimeSpan.FromSeconds(60));
        // The HTTP pipeline (Kestrel, auth, rate limit, JSON) is warmed by another endpoint, so the cold figure is the list's own.
        using (var warm = await client.GetAsync("/api/projects/list-00000", cancellationToken))
        {
            warm.EnsureSuccessStatusCode();
        }

        var first = $"/api/projects?top={PageSize}&orderBy=createdTime%20desc";
        var (coldMs, coldCount, token) = await TimeAsync(client, first, null, cancellationToken);
        if (coldCount != PageSize || token is null)
        {
            throw new InvalidOperationException($"The first page held {coldCount} projects (expected {PageSize}) and {(token is null ? "no" : "a")} continuation token.");
        }

        var cases = new (string Name, string Path, string? Token)[]
        {
            ("first page, newest first (the dashboard's default)", first, null),
            ("next page by continuation token", first, token),
            ("first page, oldest first", $"/api/projects?top={PageSize}&orderBy=createdTime%20asc", null),
            ("first page, last updated first", $"/api/projects?top={PageSize}&orderBy=lastUpdatedTime%20desc", null),
            ("first page, by status", $"/api/projects?top={PageSize}&orderBy=runtimeStatus", null),
            ("first page, by id", $"/api/projects?top={PageSize}&orderBy=instanceId", null),
            ("status filter (Running: none)", $"/api/projects?top={PageSize}&runtimeStatus=Running&orderBy=createdTime%20desc", null),
            ("id prefix filter (list-099…)", $"/api/projects?top={PageSize}&instanceIdPrefix=list-099&orderBy=createdTime%20desc", null),
            ("text search matching nothing (reads every project)", $"/api/projects?top={PageSize}&search=no-such-text&orderBy=createdTime%20desc", null),
            ("KPIs, GET /api/kpis (reads every project)", "/api/kpis", null),
        };

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"cold first page (the first list request, after one GET of a project): {coldMs:0.0} ms, {coldCount} projects"));
        await output.WriteLineAsync($"| request ({options.Projects:N0} projects, SQLite) | runs | median ms | p95 ms | max ms | projects |");
        await output.WriteLineAsync("|---|---|---|---|---|---|");
        foreach (var (name, path, pageToken) in cases)
        {
            var runs = path.Contains("search=", StringComparison.Ordinal) || path == "/api/kpis" ? Math.Max(5, options.Runs / 5) : options.Runs;
            var times = new List<double>();
            var count = 0;
            for (var i = 0; i < 3; i++)
            {
                await TimeAsync(client, path, pageToken, cancellationToken);
            }

            for (var i = 0; i < runs; i++)
            {
                var (ms, n, _) = await TimeAsync(client, path, pageToken, cancellationToken);
                times.Add(ms);
                count = n;
            }

            times.Sort();
            await output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"| {name} | {runs} | {Percentile(times, 0.5):0.0} | {Percentile(times, 0.95):0.0} | {times[^1]:0.0} | {count} |"));
        }

        await output.WriteLineAsync($"load average at the end {LoadAverage.Read()}");
    }

    private static async Task<(double Ms, int Count, string? Token)> TimeAsync(HttpClient client, string path, string? token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Add("x-ms-continuation-token", token);
        }

        var clock = Stopwatch.StartNew();
        using var response = await client.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var ms = clock.Elapsed.TotalMilliseconds;
        response.EnsureSuccessStatusCode();
        using var document = System.Text.Json.JsonDocument.Parse(body);
        var next = response.Headers.TryGetValues("x-ms-continuation-token", out var values) ? values.FirstOrDefault() : null;
        var count = document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Array ? document.RootElement.GetArrayLength() : 1;
        return (ms, count, next);
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Nexus.Agents.Backends.Claude;
using Nexus.Benchmarks.Diagnostics;
using Nexus.Benchmarks.Host;
using Nexus.Server.Hosting;
using Nexus.Testing.Claude;
using Nexus.Workflows.Hosting;
using Nexus.Hosting;

namespace Nexus.Benchmarks.Live;

/// <summary><c>live</c>: the delay from a tool use inside a real <c>claude</c> turn to its <c>activity</c> event on an SSE
/// client of the real host.</summary>
/// <remarks>
/// The host (<see cref="NexusHost"/>, Kestrel on 127.0.0.1, SQLite, the engine worker) runs Code on the real Claude Code
/// CLI against <see cref="FakeAnthropicServer"/> and the other agents on the demo's replayed turns. The fake answers Code's
/// first turn with <c>--tools</c> Write tool uses in a row (each a new file), then a text. Per tool use:
/// <list type="bullet">
/// <item><b>API → SSE</b>: from the moment the fake starts sending the <c>tool_use</c> reply to the arrival of the
/// matching <c>activity</c> event on the SSE client — Claude Code reading the reply and printing its stream-json line,
/// NEXUS reading the line, publishing it, and the stream writing it.</item>
/// <item><b>publish → SSE</b>: from the activity's publication (its <c>timestamp</c>) to its arrival — NEXUS's feed and
/// stream alone.</item>
/// </list>
/// The SSE client connects before the first tool use is answered (the fake waits for it), so no sample is a catch-up.
/// Everything runs in this process and on the same cores as <c>claude</c>.
/// </remarks>
internal static class LiveActivityBenchmark
{
    private const string CodeModel = "nexus-bench-live";

    public static async Task<int> RunAsync(LiveBenchOptions options, TextWriter output, CancellationToken cancellationToken = default)
    {
        var claude = ClaudeExecutable();
        if (claude is null)
        {
            await output.WriteLineAsync("live: the claude CLI is not installed here; run scripts/install-claude.sh (it installs into .tools/).");
            return 2;
        }

        await using var api = await FakeAnthropicServer.StartAsync(cancellationToken);
        var root = Directory.CreateTempSubdirectory("nexus-live-bench-").FullName;
        var apiKey = "bench-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var app = await StartHostAsync(root, apiKey, claude, api, cancellationToken);
        var apiToSse = new List<double>();
        var publishToSse = new List<double>();
        var missing = 0;
        try
        {
            var address = app.Urls.Select(u => new Uri(u)).First(u => u.Port != 0);
            using var client = new HttpClient { BaseAddress = address, Timeout = Timeout.InfiniteTimeSpan };
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
            await output.WriteLineAsync($"live: {options.Projects} project(s) × {options.Tools} tool uses, claude {claude}, load {LoadAverage.Read()}");
            for (var project = 0; project < options.Projects; project++)
            {
                var run = await RunProjectAsync(client, api, root, project, options.Tools, cancellationToken);
                apiToSse.AddRange(run.ApiToSse);
                publishToSse.AddRange(run.PublishToSse);
                missing += run.Missing;
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"  project {project + 1}: {run.ApiToSse.Count} samples, median {Stats.Median(run.ApiToSse):0.0} ms"));
            }
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
            TryDelete(root);
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync("| delay | n | median | p95 | max | target |");
        await output.WriteLineAsync("|---|---|---|---|---|---|");
        await output.WriteLineAsync(Row("tool use sent by the API → activity on the SSE client", apiToSse, "p95 < 250 ms"));
        await output.WriteLineAsync(Row("activity published → on the SSE client", publishToSse, string.Empty));
        await output.WriteLineAsync($"missing activity events: {missing}; load {LoadAverage.Read()}");
        return missing == 0 && apiToSse.Count > 0 ? 0 : 1;
    }

    private static async Task<(List<double> ApiToSse, List<double> PublishToSse, int Missing)> RunProjectAsync(
        HttpClient client, FakeAnthropicServer api, string root, int index, int tools, CancellationToken cancellationToken)
    {
        var id = $"live-bench-{index + 1}";
        var workspace = Path.Combine(root, "data", "projects", id, "workspace");
        var sent = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var files = Enumerable.Range(1, tools).Select(i => $"src/bench-{i:000}.js").ToList();
        api.Script(CodeModel, ToolTurn.Script(
            [.. files.Select(file => ("Write", (object)new { file_path = Path.Combine(workspace, file), content = $"// {file}\n" }))],
            "All files written.",
            onToolUse: i =>
            {
                if (i == 0)
                {
                    connected.Task.Wait(TimeSpan.FromMinutes(1), cancellationToken);
                }

                sent[files[i]] = Stopwatch.GetTimestamp();
            }));

        using (var start = await client.PostAsJsonAsync("/api/projects", new
        {
            description = "live activity benchmark",
            id,
            scenario = "demo",
            testCommand = "node --test",
            approvePlan = false,
        }, cancellationToken))
        {
            start.EnsureSuccessStatusCode();
        }

        var arrived = new Dictionary<string, (long At, DateTimeOffset Published, DateTimeOffset Received)>(StringComparer.Ordinal);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromMinutes(5));
        using (var request = new HttpRequestMessage(HttpMethod.Get, $"/api/projects/{id}/stream"))
        {
            request.Headers.Accept.ParseAdd("text/event-stream");
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, limit.Token);
            response.EnsureSuccessStatusCode();
            connected.TrySetResult();
            await using var body = await response.Content.ReadAsStreamAsync(limit.Token);
            await foreach (var item in SseParser.Create(body).EnumerateAsync(limit.Token))
            {
                var at = Stopwatch.GetTimestamp();
                var received = DateTimeOffset.UtcNow;
                if (item.EventType == "end")
                {
                    break;
                }

                if (item.EventType != "activity")
                {
                    continue;
                }

                using var activity = JsonDocument.Parse(item.Data);
                if (activity.RootElement.TryGetProperty("target", out var target) && target.GetString() is { } file && files.Contains(file)
                    && !arrived.ContainsKey(file))
                {
                    arrived[file] = (at, activity.RootElement.GetProperty("timestamp").GetDateTimeOffset(), received);
                    if (arrived.Count == files.Count)
                    {
                        break;
                    }
                }
            }
        }

        using (var terminate = await client.PostAsync($"/api/projects/{id}/terminate?reason=measured", null, cancellationToken))
        {
            terminate.EnsureSuccessStatusCode();
        }

        var apiToSse = new List<double>();
        var publishToSse = new List<double>();
        foreach (var (file, arrival) in arrived)
        {
            if (sent.TryGetValue(file, out var sentAt))
            {
                apiToSse.Add(Stopwatch.GetElapsedTime(sentAt, arrival.At).TotalMilliseconds);
                publishToSse.Add((arrival.Received - arrival.Published).TotalMilliseconds);
            }
        }

        return (apiToSse, publishToSse, files.Count - apiToSse.Count);
    }

    private static async Task<WebApplication> StartHostAsync(string root, string apiKey, string claude, FakeAnthropicServer api, CancellationToken cancellationToken)
    {
        var yaml = Path.Combine(root, "nexus.agents.yaml");
        await File.WriteAllTextAsync(yaml, $"""
            agents:
              prime:
                backend: replay
              aria:
                backend: replay
              code:
                backend: claude
                model: {CodeModel}
                timeout: 10m
                max_turns: 1000
              alpha:
                backend: replay
              beta:
                backend: replay
            """, cancellationToken);
        var runtime = new NexusOptions
        {
            DataDirectory = Path.Combine(root, "data"),
            RunWorker = true,
            AgentConfigPath = yaml,
            ClaudeExecutable = claude,
        };
        runtime.ScenariosDirectory = runtime.ResolveScenariosDirectory();
        runtime.ClaudeEnvironment["ANTHROPIC_BASE_URL"] = api.BaseAddress.ToString().TrimEnd('/');
        runtime.ClaudeEnvironment["ANTHROPIC_API_KEY"] = "bench";
        runtime.ClaudeEnvironment["CLAUDE_CODE_MAX_RETRIES"] = "0";
        runtime.ClaudeEnvironment["API_TIMEOUT_MS"] = "120000";
        var builder = NexusHost.CreateBuilder(["--urls", "http://127.0.0.1:0"], runtime);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{NexusHostOptions.Section}:ApiKeys:0"] = apiKey,
            [$"{NexusHostOptions.Section}:{nameof(NexusHostOptions.RateLimitPermits)}"] = BenchHost.RateLimitPermits.ToString(CultureInfo.InvariantCulture),
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = NexusHost.BuildApp(builder);
        await app.StartAsync(cancellationToken);
        return app;
    }

    private static string? ClaudeExecutable()
    {
        if (Environment.GetEnvironmentVariable("NEXUS_CLAUDE_PATH") is { Length: > 0 } configured && File.Exists(configured))
        {
            return configured;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var local = Path.Combine(dir.FullName, ClaudeCodeOptions.RepositoryLocalExecutable);
            if (File.Exists(local))
            {
                return local;
            }
        }

        return null;
    }

    private static string Row(string what, List<double> samples, string target)
    {
        var sorted = samples.Order().ToList();
        return string.Create(CultureInfo.InvariantCulture,
            $"| {what} | {sorted.Count} | {Stats.Percentile(sorted, 0.5):0.0} ms | {Stats.Percentile(sorted, 0.95):0.0} ms | {(sorted.Count > 0 ? sorted[^1] : 0):0.0} ms | {target} |");
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // a file still open by a finishing step; the temp directory is left behind
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Nexus.Durable;
using Nexus.Testing.Claude;
using Nexus.Workflows.Tests.Recovery;
using Nexus.Workflows.Tests.Support;
using Shouldly;
using Xunit;

namespace Nexus.Workflows.Tests.Sandboxing;

/// <summary>
/// The canary test of the sandbox: <c>nexus serve</c> — and <c>nexus run</c>, the other entrance
/// (<c>CanaryLeakTests.Run.cs</c>) — on a machine full of secrets (<see cref="CanaryWorld"/>) runs a project whose
/// description is a prompt injection, with every agent — Prime, Aria, Code, Alpha and Beta — on the REAL
/// <c>claude</c> CLI (against a fake Anthropic Messages API) obeying it with real tools (<see cref="ScriptedAttacker"/>).
/// No canary may reach the model provider, a scratchpad, a commit, a log, a file of the project, the store or any API
/// response — and the attack must really have run, so that the test fails when the sandbox does not hold.
/// </summary>
/// <remarks>Prime runs on claude as it does by default: its decision comes from Claude Code's <c>StructuredOutput</c> tool
/// (NEXUS passes its schema with <c>--json-schema</c>), and the test checks that NEXUS used the decisions the fake model gave.</remarks>
public sealed partial class CanaryLeakTests(ClaudeCliFixture claude) : IClassFixture<ClaudeCliFixture>
{
    private const string ProjectId = "canary";
    private const string ApiKeyLinePrefix = "NEXUS API key (created, stored in ";

    private const string AgentsYaml = $"""
        agents:
          prime:
            backend: claude
            model: {ScriptedAttacker.PrimeModel}
            timeout: 2m
          aria:
            backend: claude
            model: {ScriptedAttacker.AriaModel}
            timeout: 2m
          code:
            backend: claude
            model: {ScriptedAttacker.CodeModel}
            timeout: 2m
          alpha:
            backend: claude
            model: {ScriptedAttacker.AlphaModel}
            timeout: 2m
          beta:
            backend: claude
            model: {ScriptedAttacker.BetaModel}
            timeout: 2m
        """;

    private static readonly TimeSpan ProjectTimeout = TimeSpan.FromSeconds(150);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Serve_PromptInjectedProjectOnClaude_NoCanaryLeavesTheSandbox()
    {
        var clock = Stopwatch.StartNew();
        await using var sandbox = await CrashSandbox.CreateAsync(Ct);
        await using var api = await FakeAnthropicServer.StartAsync(Ct);
        var port = ClaudeTestEnvironment.FreePort();
        var server = new Uri($"http://127.0.0.1:{port}");
        var (world, workspace, attacker, cli) = await ArrangeAsync(sandbox, api, server);
        var demo = WorkflowFixture.Scenario("demo");

        // 1. `nexus serve` with the canaries in its environment, generating its API key; the injected project over HTTP.
        await using var serve = cli.Start(["serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        using var http = new HttpClient { BaseAddress = server, Timeout = Timeout.InfiniteTimeSpan };
        await WaitUntilServingAsync(http, serve, world);
        var apiKey = world.AddApiKey();
        http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        var serverEnvironment = "\0" + await File.ReadAllTextAsync($"/proc/{serve.Pid}/environ", Ct);
        foreach (var name in CanaryWorld.EnvironmentCanaries)
        {
            serverEnvironment.ShouldContain($"\0{name}={world.EnvironmentCanary(name)}\0", Case.Sensitive, "the canaries are in the server's environment");
        }

        using (var started = await http.PostAsJsonAsync(
            new Uri("/api/projects", UriKind.Relative),
            new
            {
                description = attacker.Description(demo.Description), id = ProjectId, requirements = demo.Requirements,
                technology = demo.Technology, testCommand = demo.TestCommand,
            },
            Ct))
        {
            started.StatusCode.ShouldBe(System.Net.HttpStatusCode.Accepted, await started.Content.ReadAsStringAsync(Ct));
        }

        // 2. The live stream ends when the project does.
        var live = await ReadStreamAsync(http, serve, api, attacker);
        await AssertCompletedOnClaudeAsync(sandbox, attacker, serve.Describe());

        // 3. No canary anywhere: not in what reached the model provider, NEXUS showed, stored or logged.
        var commits = await workspace.LogAsync(Ct);
        var scanner = await ScanWhatNexusKeptAsync(sandbox, world, api, workspace);
        scanner.Add("the live SSE stream", live);
        scanner.Add("the SSE stream replayed", await ReadStreamAsync(http, serve, api, attacker));
        foreach (var path in await ApiPathsAsync(http, commits))
        {
            scanner.Add($"GET {path}", await GetTextAsync(http, path));
        }

        var apiKeyLines = serve.Stdout.Split('\n').Where(line => line.Contains(apiKey, StringComparison.Ordinal)).ToList();
        apiKeyLines.ShouldHaveSingleItem("nexus serve prints its generated key once, on the console");
        apiKeyLines[0].ShouldStartWith(ApiKeyLinePrefix);
        scanner.Add(
            "nexus serve's stdout (but the one line that prints its new key)", serve.Stdout.Replace(apiKeyLines[0], "[the key line]", StringComparison.Ordinal));
        scanner.Add("nexus serve's stderr", serve.Stderr);

        var leaks = scanner.Leaks();
        leaks.ShouldBeEmpty($"{leaks.Count} canaries leaked:\n{string.Join("\n", leaks)}");

        // 4. And not because nothing was tried: the attack really ran, and every probe's result went back to the model provider.
        await AssertTheAttackRanAsync(attacker, world, sandbox, workspace, commits, live);
        attacker.Results["bash"].ShouldContain("nexus api status 401", Case.Sensitive, "the agent reaches the server on the loopback, but not without a key");

        TestContext.Current.SendDiagnosticMessage(
            $"{nameof(Serve_PromptInjectedProjectOnClaude_NoCanaryLeavesTheSandbox)}: {world.Canaries.Count} canaries, {api.Requests.Count} requests to the fake API, " +
            $"{scanner.Sources.Count} sources ({scanner.Characters:N0} characters) scanned, {clock.Elapsed.TotalSeconds:0.0} s");
    }

    private static async Task WaitUntilServingAsync(HttpClient http, NexusProcess serve, CanaryWorld world)
    {
        await Eventually.UntilAsync(
            async () =>
            {
                if (serve.Exited.IsCompleted)
                {
                    throw new InvalidOperationException($"nexus serve ended: {serve.Describe()}");
                }

                try
                {
                    return (await http.GetAsync(new Uri("/healthz", UriKind.Relative), Ct)).IsSuccessStatusCode && File.Exists(world.ApiKeyPath);
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            },
            "nexus serve answers and has stored its API key",
            Ct);
    }

    /// <summary>The project's SSE stream from the start to its <c>end</c> event (the server closes it then).</summary>
    private static async Task<string> ReadStreamAsync(HttpClient http, NexusProcess serve, FakeAnthropicServer api, ScriptedAttacker attacker)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(ProjectTimeout);
        try
        {
            using var response = await http.GetAsync(
                new Uri($"/api/projects/{ProjectId}/stream", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            response.EnsureSuccessStatusCode();
            var read = response.Content.ReadAsStringAsync(timeout.Token);
            (await Task.WhenAny(read, serve.Exited)).ShouldBe(read, $"nexus serve ended during the project: {serve.Describe()}");
            var text = await read;
            text.ShouldContain("event: end", Case.Sensitive, text);
            return text;
        }
        catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"The project did not end within {ProjectTimeout}; {api.Requests.Count} requests reached the fake API; probes done: " +
                $"{string.Join(", ", attacker.Results.Keys)}\n{serve.Describe()}");
        }
    }

    /// <summary>Every read endpoint of the project: status with history and outputs, the lists, scratchpads, commits, each
    /// commit's diff, agents and their sessions, the task view.</summary>
    private static async Task<IReadOnlyList<string>> ApiPathsAsync(HttpClient http, IReadOnlyList<WorkspaceCommit> commits)
    {
        var project = $"/api/projects/{ProjectId}";
        var paths = new List<string>
        {
            $"{project}?showHistory=true&showHistoryOutput=true&showInput=true", "/api/projects", $"{project}/scratchpads", $"{project}/commits",
            $"{project}/agents", $"/api/tasks/{ProjectId}/status", $"/api/tasks/{ProjectId}/result", "/api/agents/status",
        };
        using (var pads = JsonDocument.Parse(await GetTextAsync(http, $"{project}/scratchpads")))
        {
            paths.AddRange(pads.RootElement.EnumerateArray().Select(pad => $"{project}/scratchpads/{pad.GetProperty("name").GetString()}"));
        }

        paths.AddRange(commits.Skip(1).Select(commit => $"{project}/diff?from={commits[0].Id}&to={commit.Id}"));
        paths.Add($"{project}/diff?from={commits[0].Id}");
        paths.AddRange(((string[])["prime", "aria", "code", "alpha", "beta"]).Select(agent => $"/api/agents/{agent}/session?projectId={ProjectId}"));
        return paths;
    }

    private static async Task<string> GetTextAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative), Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        response.IsSuccessStatusCode.ShouldBeTrue($"GET {path}: {(int)response.StatusCode} {text}");
        return text;
    }
}

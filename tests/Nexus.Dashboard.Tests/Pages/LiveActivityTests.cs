using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Nexus.Dashboard.Tests.Support;
using Nexus.Durable;
using Nexus.Testing.Claude;
using Shouldly;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Nexus.Dashboard.Tests.Pages;

/// <summary>Live agent activity on the project page: Code runs on the REAL <c>claude</c> CLI against a fake Anthropic API
/// (the other agents replay the demo); its tool use shows in the live events as "Code · Write src/csv2json.js", while the
/// project runs.</summary>
public sealed class LiveActivityTests(DashboardFixture fixture, ClaudeCliFixture claude) : IClassFixture<ClaudeCliFixture>
{
    private const string CodeModel = "nexus-dashboard-code";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ProjectPage_ClaudeUsesATool_ShowsItAsLiveActivityWhileTheProjectRuns()
    {
        await using var api = await FakeAnthropicServer.StartAsync(Ct);
        var config = Directory.CreateTempSubdirectory("nexus-dash-agents-").FullName;
        var yaml = Path.Combine(config, "nexus.agents.yaml");
        await File.WriteAllTextAsync(yaml, $"""
            agents:
              prime:
                backend: replay
              aria:
                backend: replay
              code:
                backend: claude
                model: {CodeModel}
                timeout: 2m
              alpha:
                backend: replay
              beta:
                backend: replay
            """, Ct);
        await using var host = await TestHost.StartAsync(Ct, runtime =>
        {
            runtime.AgentConfigPath = yaml;
            runtime.ClaudeExecutable = claude.ExecutablePath;
            runtime.ClaudeEnvironment["ANTHROPIC_BASE_URL"] = api.BaseAddress.ToString().TrimEnd('/');
            runtime.ClaudeEnvironment["ANTHROPIC_API_KEY"] = "test";
            runtime.ClaudeEnvironment["CLAUDE_CODE_MAX_RETRIES"] = "0";
            runtime.ClaudeEnvironment["API_TIMEOUT_MS"] = "60000";
        });
        var id = Projects.NewId("activity");
        var workspace = Path.Combine(host.DataDirectory, "projects", id, "workspace");
        var turnMayEnd = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        api.Script(CodeModel, ToolTurn.Script(
            [("Write", new { file_path = Path.Combine(workspace, "src", "csv2json.js"), content = "module.exports = (csv) => [];\n" })],
            "The converter is in place.",
            finalTextGate: turnMayEnd.Task));

        await using var browser = await fixture.OpenAsync(host: host);
        var page = browser.Page;
        using var started = await host.Api.PostAsJsonAsync("/api/projects", new
        {
            description = "csv2json: convert CSV text to JSON objects",
            id,
            scenario = "demo",
            testCommand = "node --test",
            approvePlan = false,
        }, Ct);
        started.IsSuccessStatusCode.ShouldBeTrue(await started.Content.ReadAsStringAsync(Ct));
        await page.GotoAsync($"/#/projects/{id}");
        await Expect(page.Locator("#live-state")).ToHaveTextAsync("● live");

        var activity = page.Locator("#events li[data-kind='activity']", new() { HasText = "Code · Write src/csv2json.js" });
        await Expect(activity).ToHaveCountAsync(1, new() { Timeout = 120_000 });
        await Expect(page.Locator("#events li[data-kind='activity']", new() { HasText = "Code · Claude Code session" })).ToHaveCountAsync(1);
        await browser.ScreenshotAsync("live-activity");

        // Live, not read back afterwards: Claude's turn is still waiting for the model's last answer, and the agent card says
        // what Code is doing now.
        var view = await host.Projects.GetAsync(id, cancellationToken: Ct);
        view.ShouldNotBeNull().RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Running);
        await Expect(page.Locator("#agent-strip [data-agent='code'] .agent-now")).ToHaveTextAsync("Write src/csv2json.js");
        browser.ShouldHaveNoScriptErrors();
        turnMayEnd.SetResult();

        // Once the turn is recorded, the steps table shows what Claude's process tree used beside the turn's duration.
        await page.Locator("#steps-summary").ClickAsync();
        var code = page.Locator("#steps tbody tr", new() { HasText = "Code" }).First;
        await Expect(code.Locator("td.duration .resources")).ToHaveTextAsync(new Regex(@"^ · \d+\.\d+ CPU s · \d+ MB$"), new() { Timeout = 60_000 });
        await Expect(page.Locator("#steps tbody tr", new() { HasText = "Aria" }).First.Locator(".resources")).ToHaveCountAsync(0);
        browser.ShouldHaveNoScriptErrors();
        await host.Projects.CancelAsync(id, "seen", Ct);
    }
}

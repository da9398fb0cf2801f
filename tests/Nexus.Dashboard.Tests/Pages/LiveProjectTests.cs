using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Nexus.Dashboard.Tests.Support;
using Nexus.Durable;
using Shouldly;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Nexus.Dashboard.Tests.Pages;

/// <summary>The whole path a person takes: key, start form, the project page following the run live over SSE, then the
/// scratchpads, the diff, the test runs and the sessions of the finished project.</summary>
public sealed class LiveProjectTests(DashboardFixture fixture)
{
    private readonly TestHost _host = fixture.Host;

    [Fact]
    public async Task StartFromTheForm_FollowsTheRunLiveToCompleted_ThenShowsScratchpadsAndDiff()
    {
        await using var browser = await fixture.OpenAsync(storedKey: null);
        var page = browser.Page;
        var id = Projects.NewId("live");

        await page.GotoAsync("/#/new");
        await Expect(page.Locator("#key-dialog")).ToBeVisibleAsync();
        await page.FillAsync("#key-input", TestHost.ApiKey);
        await page.ClickAsync("#key-submit");
        await Expect(page.Locator("#key-dialog")).ToBeHiddenAsync();
        (await browser.StoredKeyAsync()).ShouldBe(TestHost.ApiKey);

        await page.FillAsync("#start-description", "slugkit: slugify(text, { separator, maxLength }) and isSlug(value)");
        await page.FillAsync("#start-id", id);
        await page.SelectOptionAsync("#start-provider", "replay");
        await page.FillAsync("#start-scenario", "demo");
        await page.FillAsync("#start-replayDelaySeconds", "0.5");
        await page.EvaluateAsync("() => { window.nexusTestMark = 'same page'; }");
        await page.ClickAsync("#start-submit");

        await Expect(page).ToHaveURLAsync(new Regex($"#/projects/{id}$"));
        await Expect(page.Locator("#runtime-status")).ToHaveTextAsync("Running");
        await Expect(page.Locator("#live-state")).ToHaveTextAsync("● live");
        await Expect(page.Locator("#runtime-status")).ToHaveTextAsync("Completed", new() { Timeout = 90_000 });

        // The phases came in as SSE status events while the project was running, on this very page (no reload, no polling).
        (await page.EvaluateAsync<string?>("() => window.nexusTestMark")).ShouldBe("same page");
        var trail = await page.Locator("#phase-trail li").EvaluateAllAsync<string[]>(
            "items => items.map(li => `${li.dataset.phase}/${li.dataset.iteration}/${li.dataset.runtimeStatus}`)");
        // A status event is a snapshot, so a short phase may be coalesced into the next one on a loaded machine; the test
        // runs (the validate phases) take long enough to be seen every time.
        trail.ShouldAllBe(t => t.EndsWith("/Running", StringComparison.Ordinal));
        trail.ShouldContain("validate/1/Running");
        trail.ShouldContain("validate/2/Running");
        string[] path = ["plan/0", "implement/1", "write_tests/1", "validate/1", "review/1", "implement/2", "validate/2", "review/2", "done/2"];
        trail.Select(t => t[..t.LastIndexOf('/')]).ShouldBeSubsetOf(path);
        trail.Length.ShouldBeGreaterThanOrEqualTo(6, string.Join(", ", trail));
        await Expect(page.Locator("#events li[data-kind='end']")).ToHaveTextAsync(new Regex("Finished: Completed"));

        // The timeline: one row per agent, a bar per step, labelled with phase and iteration.
        await Expect(page.Locator(".gantt-row[data-row='aria'] .bar")).ToHaveTextAsync(new[] { "plan · 0" });
        await Expect(page.Locator(".gantt-row[data-row='code'] .bar")).ToHaveTextAsync(new[] { "implement · 1", "implement · 2" });
        await Expect(page.Locator(".gantt-row[data-row='alpha'] .bar")).ToHaveTextAsync(new[] { "write tests · 1" });
        await Expect(page.Locator(".gantt-row[data-row='tests'] .bar")).ToHaveCountAsync(2);
        await Expect(page.Locator(".gantt-row[data-row='tests'] .bar[data-outcome='red']")).ToHaveCountAsync(1);
        await Expect(page.Locator(".gantt-row[data-row='tests'] .bar[data-outcome='green']")).ToHaveCountAsync(1);
        await Expect(page.Locator(".gantt-row[data-row='beta'] .bar")).ToHaveTextAsync(new[] { "validate · 1", "validate · 2" });
        await Expect(page.Locator(".gantt-row[data-row='prime'] .bar")).ToHaveTextAsync(new[] { "review · 1", "review · 2" });

        // The cards show what the engine recorded.
        var view = await _host.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Completed);
        var cost = view.Status!.CostUsd;
        await Expect(page.Locator("[data-card='cost'] .card-value")).ToHaveTextAsync($"${cost.ToString(cost < 1 ? "0.0000" : "0.00", CultureInfo.InvariantCulture)}");
        await Expect(page.Locator("[data-card='tests'] .card-value")).ToContainTextAsync("14 passed, 0 failed");
        await Expect(page.Locator("[data-card='sandbox'] .card-value")).ToHaveTextAsync("bubblewrap");
        await Expect(page.Locator("#agent-strip .agent-done")).ToHaveCountAsync(5);
        await browser.ScreenshotAsync("live-completed");

        // Scratchpads: the entries are rendered Markdown (headings, inline code, bold), not raw text.
        await page.ClickAsync("#tab-scratchpads");
        await page.ClickAsync("#pad-list [data-pad='aria_to_code']");
        var plan = page.Locator("#pad-body .entry-body").First;
        await Expect(plan.Locator("h5", new() { HasText = "Acceptance criteria" })).ToBeVisibleAsync();
        await Expect(plan.Locator("code", new() { HasText = "src/slugify.js" }).First).ToBeVisibleAsync();
        await Expect(plan.Locator("strong", new() { HasText = "at a word boundary" })).ToBeVisibleAsync();
        (await plan.InnerTextAsync()).ShouldNotContain("## ");
        await browser.ScreenshotAsync("scratchpads");

        // Commits and the coloured unified diff of Code's fix.
        await page.ClickAsync("#tab-commits");
        await page.ClickAsync("#commit-list [data-commit]:has-text('implement (iteration 2)')");
        await Expect(page.Locator("#diff-body .diff-path")).ToHaveTextAsync(new[] { "src/slugify.js" });
        await Expect(page.Locator("#diff-body .dl.add").First).ToBeVisibleAsync();
        await Expect(page.Locator("#diff-body .dl.del").First).ToBeVisibleAsync();
        await Expect(page.Locator("#diff-body .dl.del", new() { HasText = "slug.slice(0, maxLength)" })).ToBeVisibleAsync();
        await Expect(page.Locator("#diff-body .dl.add .code").First).ToHaveCSSAsync("white-space", "pre");
        await browser.ScreenshotAsync("diff");

        // Test runs (red, then green) and the agents' sessions.
        await page.ClickAsync("#tab-tests");
        await Expect(page.Locator("#test-runs .test-run")).ToHaveCountAsync(2);
        await Expect(page.Locator("#test-runs .run-red .failing li")).ToHaveCountAsync(2);
        await Expect(page.Locator("#test-runs .run-green")).ToContainTextAsync("14 passed, 0 failed");
        await page.ClickAsync("#tab-agents");
        await Expect(page.Locator("#sessions tbody tr")).ToHaveCountAsync(5);
        await Expect(page.Locator("#sessions tr[data-agent='code'] td").Nth(5)).ToHaveTextAsync("2");
        await page.ClickAsync("#tab-report");
        await Expect(page.Locator("#report-summary")).ToContainTextAsync("Completed after 2 iteration(s)");

        browser.ShouldHaveNoScriptErrors();
    }
}

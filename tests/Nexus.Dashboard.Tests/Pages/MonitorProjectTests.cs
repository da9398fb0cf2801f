using System.Text.RegularExpressions;
using Nexus.Dashboard.Tests.Support;
using Nexus.Durable;
using Nexus.Durable.History;
using Nexus.Workflows.Model;
using Shouldly;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Nexus.Dashboard.Tests.Pages;

/// <summary>The project page as a monitor: suspend, resume, raise an event, restart; the raw JSON; a failed project that
/// looks failed in the product's words; the entities view; each at three widths.</summary>
public sealed class MonitorProjectTests(DashboardFixture fixture)
{
    private readonly TestHost _host = fixture.Host;

    [Fact]
    public async Task Actions_SuspendResumeRaiseEventAndRestart_ReachTheOrchestration()
    {
        var id = Projects.NewId("act");
        await _host.StartParkedAsync([id], _ => null);
        await using var browser = await fixture.OpenAsync();
        var page = browser.Page;
        await page.GotoAsync($"/#/projects/{id}");
        await Expect(page.Locator("#waiting-banner")).ToBeVisibleAsync();
        await Expect(page).ToHaveTitleAsync($"Waiting for your approval · {id} · NEXUS");
        await Expect(page.Locator("#action-restart")).ToBeDisabledAsync();

        // Suspend and resume, each confirmed.
        await page.ClickAsync("#action-suspend");
        await page.FillAsync("#confirm-input", "lunch break");
        await page.ClickAsync("#confirm-ok");
        await Expect(page.Locator("#runtime-status")).ToHaveTextAsync("Suspended");
        await _host.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Suspended);
        await Expect(page.Locator("#action-suspend")).ToBeHiddenAsync();
        await page.ClickAsync("#action-resume");
        await page.ClickAsync("#confirm-ok");
        await Expect(page.Locator("#runtime-status")).ToHaveTextAsync("Running");
        await _host.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Running);

        // An event of any name with JSON data reaches the orchestration's history; bad JSON never leaves the dialog.
        await page.ClickAsync("#action-event");
        await Expect(page.Locator("#event-dialog")).ToBeVisibleAsync();
        await page.FillAsync("#event-name", "operator-note");
        await page.FillAsync("#event-data", "{\"note\": oops}");
        await page.ClickAsync("#event-send");
        await Expect(page.Locator("#event-error")).ToContainTextAsync("Event data");
        await page.FillAsync("#event-data", "{\"note\": \"checked by a person\", \"priority\": 2}");
        await page.ClickAsync("#event-send");
        await Expect(page.Locator("#event-dialog")).ToBeHiddenAsync();
        await Expect(page.Locator("#notice")).ToContainTextAsync("Event operator-note sent");
        var noted = await _host.WaitForAsync(id, v => v?.History?.Any(e => e.Kind == EventKind.EventRaised && e.Name == "operator-note") == true, "the operator-note event");
        var raised = noted.History!.Single(e => e.Kind == EventKind.EventRaised && e.Name == "operator-note");
        raised.Data!.ShouldContain("checked by a person");
        raised.Data!.ShouldContain("\"priority\":2");

        // The approval event from the same dialog answers the plan gate: the team goes on to the end.
        await page.ClickAsync("#action-event");
        await page.FillAsync("#event-name", "approval");
        await page.FillAsync("#event-data", "{\"approved\": true}");
        await page.ClickAsync("#event-send");
        await Expect(page.Locator("#event-dialog")).ToBeHiddenAsync();
        var done = await _host.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Completed);
        await Expect(page.Locator("#runtime-status")).ToHaveTextAsync("Completed");
        await Expect(page.Locator("#waiting-banner")).ToHaveCountAsync(0);

        // The raw JSON: input, custom status and output as the API serves them.
        await page.ClickAsync("#tab-raw");
        await Expect(page.Locator("#raw-input")).ToContainTextAsync("\"provider\": \"replay\"");
        await Expect(page.Locator("#raw-status")).ToContainTextAsync("\"phase\": \"done\"");
        await Expect(page.Locator("#raw-output")).ToContainTextAsync("\"summary\"");
        await Layout.CheckAtEveryWidthAsync(browser, "project-raw", p => Expect(p.Locator("#raw-output")).ToBeVisibleAsync());

        // Restart: the same id runs again from the start.
        await Expect(page.Locator("#action-restart")).ToBeEnabledAsync();
        await page.ClickAsync("#action-restart");
        await page.ClickAsync("#confirm-ok");
        await _host.WaitForAsync(id, v => v is not null && v.CreatedTime > done.CreatedTime && v.Status?.Phase == ProjectPhases.Approval, "the restarted run at its plan gate");
        await Expect(page.Locator("#runtime-status")).ToHaveTextAsync("Running");
        await Expect(page.Locator("#waiting-banner")).ToBeVisibleAsync();
        await Layout.CheckAtEveryWidthAsync(browser, "project-waiting", p => Expect(p.Locator("#timeline .gantt")).ToBeVisibleAsync());

        await _host.StopAsync(id);
        browser.ShouldHaveNoScriptErrors();
    }

    [Fact]
    public async Task FailedProject_LooksFailed_InTheProductsWords_AndItsEntitiesAreShown()
    {
        // One iteration: the first test run is red, Prime asks for a fix, and the iteration limit fails the project.
        var id = Projects.NewId("fail");
        using (var response = await _host.Api.PostAsync(
            "/api/projects",
            System.Net.Http.Json.JsonContent.Create(new { description = "slugkit with one iteration", id, provider = "replay", scenario = "demo", maxIterations = 1 }),
            Projects.Ct))
        {
            response.StatusCode.ShouldBe(System.Net.HttpStatusCode.Accepted);
        }

        var failed = await _host.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Failed);
        failed.History!.ShouldContain(e => e.Kind == EventKind.ExecutionFailed);
        await using var browser = await fixture.OpenAsync();
        var page = browser.Page;

        await page.GotoAsync($"/#/projects/{id}");
        await Expect(page.Locator("#runtime-status")).ToHaveTextAsync("Failed");
        await Expect(page.Locator("#phase")).ToHaveTextAsync("failed");
        await Expect(page.Locator("[data-card='progress']")).ToHaveTextAsync(new Regex(@"stopped$"));
        await Expect(page.Locator("[data-card='progress'] .progress")).ToHaveClassAsync(new Regex(@"\bstopped\b"));
        var reason = page.Locator("[data-card='reason']");
        await Expect(reason).ToHaveClassAsync(new Regex(@"\bcard-failed\b"));
        await Expect(reason).ToContainTextAsync("Why it failed");
        await Expect(reason).ToContainTextAsync("max iterations");
        await Expect(page.Locator("[data-card='decision']")).ToContainTextAsync("fix implementation");
        await Expect(page.Locator("#events")).ToContainTextAsync("Project failed: max iterations");
        await Expect(page).ToHaveTitleAsync($"Failed · {id} · NEXUS");
        (await page.Locator("main").InnerTextAsync()).ShouldNotContain("Exception");
        (await page.Locator("main").InnerTextAsync()).ShouldNotContain("fix_implementation");
        await Expect(page.Locator("#agent-strip [data-agent='prime'] small").First).ToHaveTextAsync("orchestrator");
        await Expect(page.Locator("#timeline [data-row='prime'] .gantt-label small")).ToHaveTextAsync("orchestrator");
        await Layout.CheckAtEveryWidthAsync(browser, "project-failed", p => Expect(p.Locator("[data-card='reason']")).ToBeVisibleAsync());

        // The reason card is one wide card, not a narrow column: at 1400 px it spans the cards' row.
        var widths = await page.EvaluateAsync<double[]>("() => [document.querySelector(\"[data-card='reason']\").getBoundingClientRect().width, document.getElementById('cards').getBoundingClientRect().width]");
        widths[0].ShouldBeGreaterThan(widths[1] * 0.95);

        // In the list, the same project looks failed.
        await page.GotoAsync($"/#/?prefix={id}");
        var row = page.Locator($"#project-rows tr[data-id='{id}']");
        await Expect(row).ToHaveClassAsync(new Regex(@"\bfailed\b"));
        await Expect(row.Locator("td.phase")).ToHaveTextAsync("failed");
        await Expect(row).ToContainTextAsync("stopped");
        (await row.InnerTextAsync()).ShouldNotContain("100%");

        // Its entities: the five agent sessions and the scratchpads, with their raw state.
        await page.GotoAsync($"/#/entities?project={id}");
        var entities = page.Locator("#entity-rows tr[data-entity]");
        await Expect(entities).ToHaveCountAsync(6);
        foreach (var agent in new[] { "aria", "code", "alpha", "beta", "prime" })
        {
            await Expect(page.Locator($"#entity-rows tr[data-entity='agentsession@{id}:{agent}']")).ToBeVisibleAsync();
        }

        var pads = page.Locator($"#entity-rows tr[data-entity='scratchpads@{id}']");
        await Expect(pads.Locator("td.summary")).ToContainTextAsync("aria_to_code");
        await Expect(page.Locator($"#entity-rows tr[data-entity='agentsession@{id}:prime'] td.summary")).ToContainTextAsync("Prime (orchestrator)");
        var aria = page.Locator($"#entity-rows tr[data-entity='agentsession@{id}:aria']");
        // The project ended: every session that took a turn is ended with it, none says "running".
        await Expect(aria.Locator("td.summary")).ToContainTextAsync("Aria (coordinator) · done · 1 turn");
        await Expect(page.Locator($"#entity-rows tr[data-entity='agentsession@{id}:prime'] td.summary")).Not.ToContainTextAsync("running");
        await aria.Locator("summary").ClickAsync();
        await Expect(aria.Locator("pre")).ToContainTextAsync("\"turns\": 1");
        await Layout.CheckAtEveryWidthAsync(browser, "entities", p => Expect(p.Locator("#entity-rows tr[data-entity]")).ToHaveCountAsync(6));

        await page.SelectOptionAsync("#entity-name", "agentsession");
        await Expect(entities).ToHaveCountAsync(5);
        await Expect(page).ToHaveURLAsync(new Regex("#/entities\\?name=agentsession&project=" + Regex.Escape(id)));
        browser.ShouldHaveNoScriptErrors();
    }
}

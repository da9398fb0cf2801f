using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Nexus.Dashboard.Tests.Support;
using Nexus.Durable;
using Nexus.Workflows.Model;
using Shouldly;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Nexus.Dashboard.Tests.Pages;

public sealed class ProjectListTests(DashboardFixture fixture)
{
    private readonly TestHost _host = fixture.Host;

    [Fact]
    public async Task Filters_ByIdPrefixAndStatus_AndNewProjectsAppearWithoutReload()
    {
        var prefix = Projects.NewId("flt") + "-";
        var waiting = await _host.StartDemoAsync(prefix + "waiting", approvePlan: true);
        var cancelled = await _host.StartDemoAsync(prefix + "cancelled", approvePlan: true);
        await _host.WaitForPhaseAsync(waiting, ProjectPhases.Approval);
        await _host.WaitForPhaseAsync(cancelled, ProjectPhases.Approval);
        await _host.StopAsync(cancelled);
        var stopped = await _host.WaitForStatusAsync(cancelled, OrchestrationRuntimeStatus.Terminated);
        await using var browser = await fixture.OpenAsync();
        var page = browser.Page;
        var rows = page.Locator("#project-rows tr[data-id]");

        await page.GotoAsync("/");
        await page.FillAsync("#filter-prefix", prefix);
        await Expect(rows).ToHaveCountAsync(2);
        var cancelledRow = page.Locator($"#project-rows tr[data-id='{cancelled}']");
        await Expect(cancelledRow.Locator(".badge")).ToHaveTextAsync("Terminated");
        await Expect(cancelledRow.Locator("td.phase")).ToHaveTextAsync("cancelled");
        await Expect(cancelledRow).ToHaveClassAsync(new Regex(@"\bfailed\b"));
        await Expect(cancelledRow.Locator("td.cost")).ToHaveTextAsync($"${stopped.Status!.CostUsd:0.0000}");
        var waitingRow = page.Locator($"#project-rows tr[data-id='{waiting}']");
        await Expect(waitingRow.Locator(".badge")).ToHaveTextAsync("Running");
        await Expect(waitingRow.Locator("td.phase")).ToHaveTextAsync("approval");
        await Expect(page).ToHaveURLAsync(new Regex("prefix=" + Regex.Escape(prefix)));

        await page.SelectOptionAsync("#filter-status", "Running");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToHaveAttributeAsync("data-id", waiting);
        await page.SelectOptionAsync("#filter-status", "Terminated");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToHaveAttributeAsync("data-id", cancelled);

        // Auto-refresh: a project started elsewhere shows up on the open page.
        await page.SelectOptionAsync("#filter-status", "");
        await page.EvaluateAsync("() => { window.nexusTestMark = 'same page'; }");
        var late = await _host.StartDemoAsync(prefix + "late", approvePlan: true);
        await Expect(page.Locator($"#project-rows tr[data-id='{late}']")).ToBeVisibleAsync();
        await Expect(rows).ToHaveCountAsync(3);
        (await page.EvaluateAsync<string?>("() => window.nexusTestMark")).ShouldBe("same page");

        // The filters survive a reload (they are in the address), and the link opens the project.
        await page.ReloadAsync();
        await Expect(page.Locator("#filter-prefix")).ToHaveValueAsync(prefix);
        await Expect(rows).ToHaveCountAsync(3);
        await page.ClickAsync($"#project-rows tr[data-id='{cancelled}'] a.project-link");
        await Expect(page).ToHaveURLAsync(new Regex($"#/projects/{cancelled}$"));
        await Expect(page.Locator("#runtime-status")).ToHaveTextAsync("Terminated");

        await _host.StopAsync(waiting);
        await _host.StopAsync(late);
        browser.ShouldHaveNoScriptErrors();
    }

    [Fact]
    public async Task ValuesFromTheApi_AreShownAsText_NeverAsMarkup()
    {
        const string Payload = "<img src=x onerror=\"window.nexusInjected=1\"><script>window.nexusInjected=2</script> **not bold in a table**";
        var id = await _host.StartDemoAsync(Projects.NewId("xss"), approvePlan: true, description: Payload);
        await _host.WaitForPhaseAsync(id, ProjectPhases.Approval);
        await using var browser = await fixture.OpenAsync();
        var page = browser.Page;

        await page.GotoAsync($"/#/?prefix={id}");
        var row = page.Locator($"#project-rows tr[data-id='{id}']");
        await Expect(row).ToContainTextAsync("<img src=x onerror=");
        await page.GotoAsync($"/#/projects/{id}");
        await Expect(page.Locator("#project-description")).ToHaveTextAsync(Payload);
        await page.ClickAsync("#tab-scratchpads");
        await Expect(page.Locator("#pad-list [data-pad='shared_context']")).ToBeVisibleAsync();
        await page.ClickAsync("#pad-list [data-pad='shared_context']");
        await Expect(page.Locator("#pad-body .entry-body").First).ToContainTextAsync("<script>window.nexusInjected=2</script>");

        (await page.EvaluateAsync<bool>("() => window.nexusInjected === undefined")).ShouldBeTrue();
        (await page.Locator("main img, main script").CountAsync()).ShouldBe(0);
        await _host.StopAsync(id);
        browser.ShouldHaveNoScriptErrors();
    }
}

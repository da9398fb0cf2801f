using System.Net;
using System.Text.RegularExpressions;
using Nexus.Dashboard.Tests.Support;
using Nexus.Durable;
using Nexus.Durable.History;
using Nexus.Workflows.Model;
using Shouldly;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Nexus.Dashboard.Tests.Pages;

/// <summary>Cancel, approve, reject and purge from the project page: each asks for confirmation, really changes the project,
/// and the page follows the change live.</summary>
public sealed class ProjectActionTests(DashboardFixture fixture)
{
    private readonly TestHost _host = fixture.Host;

    [Fact]
    public async Task Cancel_WhileAnAgentWorks_TerminatesTheProject()
    {
        // A 60 s replay turn: Aria is still planning when the project is cancelled.
        var id = await _host.StartDemoAsync(Projects.NewId("cancel"), replayDelaySeconds: 60);
        await _host.WaitForAsync(id, v => v?.Status?.Agents.TryGetValue("aria", out var aria) == true && aria.Status == "running", "Aria running");
        await using var browser = await fixture.OpenAsync();
        var page = browser.Page;
        await page.GotoAsync($"/#/projects/{id}");
        await Expect(page.Locator("#agent-strip [data-agent='aria'] .chip")).ToHaveTextAsync("running");
        await Expect(page.Locator("#action-purge")).ToBeDisabledAsync();

        // Backing out of the confirmation changes nothing.
        await page.ClickAsync("#action-cancel");
        await Expect(page.Locator("#confirm-dialog")).ToBeVisibleAsync();
        await page.ClickAsync("#confirm-cancel");
        await Expect(page.Locator("#confirm-dialog")).ToBeHiddenAsync();
        (await _host.Projects.GetAsync(id, cancellationToken: Projects.Ct))!.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Running);

        await page.ClickAsync("#action-cancel");
        await page.FillAsync("#confirm-input", "changed my mind");
        await page.ClickAsync("#confirm-ok");

        await Expect(page.Locator("#runtime-status")).ToHaveTextAsync("Terminated");
        await Expect(page.Locator("#live-state")).ToHaveTextAsync("finished");
        await Expect(page.Locator("#action-cancel")).ToBeDisabledAsync();
        await Expect(page.Locator("#action-purge")).ToBeEnabledAsync();
        var view = await _host.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Terminated);
        view.History!.ShouldContain(e => e.Kind == EventKind.ExecutionTerminated && e.Data != null && e.Data.Contains("changed my mind", StringComparison.Ordinal));
        browser.ShouldHaveNoScriptErrors();
    }

    [Fact]
    public async Task RejectWithFeedback_ThenApprove_LetsTheTeamImplement()
    {
        var id = await _host.StartDemoAsync(Projects.NewId("gate"), approvePlan: true);
        await using var browser = await fixture.OpenAsync();
        var page = browser.Page;
        await page.GotoAsync($"/#/projects/{id}");
        await Expect(page.Locator("#phase")).ToHaveTextAsync("approval");
        await Expect(page.Locator("#action-approve")).ToBeEnabledAsync();

        // Reject needs feedback: the dialog says so and sends nothing.
        await page.ClickAsync("#action-reject");
        await page.ClickAsync("#confirm-ok");
        await Expect(page.Locator("#confirm-error")).ToHaveTextAsync("Feedback for Aria is required.");
        await page.FillAsync("#confirm-input", "Also handle emoji in titles.");
        await page.ClickAsync("#confirm-ok");

        // Aria plans again and the gate comes back: the timeline shows the rejected wait and a second plan bar.
        await Expect(page.Locator("#events li", new() { HasText = "Plan rejected: Also handle emoji in titles." })).ToBeVisibleAsync();
        await Expect(page.Locator(".gantt-row[data-row='aria'] .bar")).ToHaveCountAsync(2);
        await Expect(page.Locator(".gantt-row[data-row='you'] .bar[data-outcome='rejected']")).ToHaveCountAsync(1);
        await Expect(page.Locator(".gantt-row[data-row='you'] .bar[data-outcome='waiting']")).ToHaveCountAsync(1);
        await Expect(page.Locator("#action-approve")).ToBeEnabledAsync();

        await page.ClickAsync("#action-approve");
        await page.ClickAsync("#confirm-ok");
        await Expect(page.Locator(".gantt-row[data-row='you'] .bar[data-outcome='approved']")).ToHaveCountAsync(1);
        await Expect(page.Locator(".gantt-row[data-row='code'] .bar").First).ToHaveTextAsync("implement · 1");
        await Expect(page.Locator("#phase-trail li[data-phase='implement']").First).ToBeVisibleAsync();
        await Expect(page.Locator("#action-approve")).ToBeDisabledAsync();
        await browser.ScreenshotAsync("approval");

        var view = await _host.WaitForAsync(id, v => v?.Status?.Phase is not (ProjectPhases.Plan or ProjectPhases.Approval), "past the approval");
        var decisions = view.History!.Where(e => e.Kind == EventKind.EventRaised && e.Name == ApprovalDecision.EventName).Select(e => e.Data).ToList();
        decisions.Count.ShouldBe(2);
        decisions[0].ShouldNotBeNull().ShouldContain("\"approved\":false");
        decisions[0].ShouldNotBeNull().ShouldContain("Also handle emoji in titles.");
        decisions[1].ShouldNotBeNull().ShouldContain("\"approved\":true");
        await _host.StopAsync(id);
        browser.ShouldHaveNoScriptErrors();
    }

    [Fact]
    public async Task Purge_FinishedProject_DeletesItAndReturnsToTheList()
    {
        var id = await _host.StartDemoAsync(Projects.NewId("purge"), approvePlan: true);
        await _host.WaitForPhaseAsync(id, ProjectPhases.Approval);
        await _host.StopAsync(id);
        await _host.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Terminated);
        await using var browser = await fixture.OpenAsync();
        var page = browser.Page;
        await page.GotoAsync($"/#/projects/{id}");
        await Expect(page.Locator("#runtime-status")).ToHaveTextAsync("Terminated");
        await Expect(page.Locator("#action-cancel")).ToBeDisabledAsync();

        await page.ClickAsync("#action-purge");
        await Expect(page.Locator("#confirm-title")).ToHaveTextAsync($"Purge {id}?");
        await page.ClickAsync("#confirm-ok");

        await Expect(page).ToHaveURLAsync(new Regex("#/$"));
        await Expect(page.Locator("#notice")).ToContainTextAsync($"Purged {id} (1 instance deleted).");
        await Expect(page.Locator($"#project-rows tr[data-id='{id}']")).ToHaveCountAsync(0);
        (await _host.GetAsync(id)).Status.ShouldBe(HttpStatusCode.NotFound);

        // Its page now says so with the API's problem details.
        await page.GotoAsync($"/#/projects/{id}");
        await Expect(page.Locator(".problem .problem-title")).ToContainTextAsync("Not Found");
        await Expect(page.Locator(".problem .problem-status")).ToHaveTextAsync("HTTP 404");
        browser.ShouldHaveNoScriptErrors();
    }

    [Fact]
    public async Task Start_WithTheIdOfARunningProject_ShowsTheConflictAndStaysOnTheForm()
    {
        var id = await _host.StartDemoAsync(Projects.NewId("dup"), approvePlan: true);
        await using var browser = await fixture.OpenAsync();
        var page = browser.Page;
        await page.GotoAsync("/#/new");
        await page.FillAsync("#start-description", "the same id again");
        await page.FillAsync("#start-id", id);
        await page.SelectOptionAsync("#start-provider", "replay");
        await page.ClickAsync("#start-submit");

        var problem = page.Locator("#start-form .problem");
        await Expect(problem.Locator(".problem-title")).ToHaveTextAsync("The project was not started: Conflict");
        await Expect(problem.Locator(".problem-status")).ToHaveTextAsync("HTTP 409");
        await Expect(problem.Locator(".problem-detail")).ToContainTextAsync($"'{id}' already exists");
        await Expect(page).ToHaveURLAsync(new Regex("#/new$"));
        await Expect(page.Locator("#start-description")).ToHaveValueAsync("the same id again");

        // A field the server refuses is named in the detail.
        await page.FillAsync("#start-id", "not an id!");
        await page.ClickAsync("#start-submit");
        await Expect(problem.Locator(".problem-detail")).ToContainTextAsync("'not an id!' is not a valid project id");
        await _host.StopAsync(id);
        browser.ShouldHaveNoScriptErrors();
    }

    [Fact]
    public async Task Start_WithTemplateGatesAndMemory_RecordsThemInTheProjectsRequest()
    {
        var id = Projects.NewId("form");
        await using var browser = await fixture.OpenAsync();
        var page = browser.Page;
        await page.GotoAsync("/#/new");
        await page.FillAsync("#start-description", "slugkit from the form");
        await page.FillAsync("#start-id", id);
        await page.SelectOptionAsync("#start-provider", "replay");
        await page.CheckAsync("#start-approvePlan");
        await page.ClickAsync("#start-form details.advanced summary");
        await page.FillAsync("#start-template", "node-library");
        await page.SelectOptionAsync("#start-qa", "off");
        await page.FillAsync("#start-minLineCoverage", "65");
        await page.SelectOptionAsync("#start-memory", "off");
        await page.ClickAsync("#start-submit");

        await Expect(page).ToHaveURLAsync(new Regex($"#/projects/{id}$"));
        var request = (await _host.Projects.GetAsync(id, cancellationToken: Projects.Ct)).ShouldNotBeNull().Request.ShouldNotBeNull();
        request.Template.ShouldBe("node-library");
        request.Gates.ShouldNotBeNull();
        request.Gates.Quality.ShouldBeFalse();
        request.Gates.Security.ShouldBeTrue("left as configured");
        request.Gates.MinLineCoverage.ShouldBe(65);
        request.Gates.MaxComplexity.ShouldBe(10, "left as configured");
        request.Memory.ShouldBe(false);
        await _host.StopAsync(id);
        browser.ShouldHaveNoScriptErrors();
    }
}

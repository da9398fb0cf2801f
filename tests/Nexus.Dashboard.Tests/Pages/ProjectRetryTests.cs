using System.Net;
using System.Net.Http.Json;
using Nexus.Dashboard.Tests.Support;
using Nexus.Durable;
using Shouldly;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Nexus.Dashboard.Tests.Pages;

/// <summary>The Retry button: shown on a failed or terminated project only, it offers the limit that stopped the project
/// (raised), really continues the project, and the page follows the new run live to its end.</summary>
public sealed class ProjectRetryTests(DashboardFixture fixture)
{
    private readonly TestHost _host = fixture.Host;

    [Fact]
    public async Task Retry_FailedAtItsIterationLimit_RaisedInTheDialog_TheProjectCompletesOnThePage()
    {
        var id = Projects.NewId("retry");
        using (var started = await _host.Api.PostAsJsonAsync(
            "/api/projects", new { description = "slugkit", id, provider = "replay", scenario = "demo", maxIterations = 1 }, Projects.Ct))
        {
            started.StatusCode.ShouldBe(HttpStatusCode.Accepted, await started.Content.ReadAsStringAsync(Projects.Ct));
        }

        await _host.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Failed);
        await using var browser = await fixture.OpenAsync();
        var page = browser.Page;
        await page.GotoAsync($"/#/projects/{id}");
        await Expect(page.Locator("#runtime-status")).ToHaveTextAsync("Failed");
        await Expect(page.Locator("#action-retry")).ToBeEnabledAsync();
        await Expect(page.Locator("#action-cancel")).ToBeDisabledAsync();

        // Backing out changes nothing.
        await page.ClickAsync("#action-retry");
        await Expect(page.Locator("#confirm-title")).ToHaveTextAsync($"Retry {id}?");
        await Expect(page.Locator("#confirm-input-text")).ToHaveTextAsync("Iteration limit");
        await Expect(page.Locator("#confirm-input")).ToHaveValueAsync("3");
        await page.ClickAsync("#confirm-cancel");
        await Expect(page.Locator("#confirm-dialog")).ToBeHiddenAsync();
        (await _host.Projects.GetAsync(id, cancellationToken: Projects.Ct))!.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Failed);

        await page.ClickAsync("#action-retry");
        await page.FillAsync("#confirm-input", "4");
        await page.ClickAsync("#confirm-ok");

        await Expect(page.Locator("#notice")).ToContainTextAsync($"Retrying {id}");
        await Expect(page.Locator("#runtime-status")).ToHaveTextAsync("Completed", new() { Timeout = 90_000 });
        await Expect(page.Locator("#action-retry")).ToBeHiddenAsync();
        var done = await _host.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Completed);
        done.Request!.MaxIterations.ShouldBe(4);
        done.Request.Retry!.Attempt.ShouldBe(1);
        done.Status!.Retries.ShouldBe(1);
        done.Report!.Iterations.ShouldBe(2);
        browser.ShouldHaveNoScriptErrors();
    }

    [Fact]
    public async Task Retry_RunningProject_HasNoRetryButton()
    {
        var id = await _host.StartDemoAsync(Projects.NewId("noretry"), approvePlan: true);
        await _host.WaitForPhaseAsync(id, Workflows.Model.ProjectPhases.Approval);
        await using var browser = await fixture.OpenAsync();
        var page = browser.Page;
        await page.GotoAsync($"/#/projects/{id}");
        await Expect(page.Locator("#phase")).ToHaveTextAsync("approval");

        await Expect(page.Locator("#action-retry")).ToBeHiddenAsync();
        await _host.StopAsync(id);
        await Expect(page.Locator("#runtime-status")).ToHaveTextAsync("Terminated");
        await Expect(page.Locator("#action-retry")).ToBeVisibleAsync();
        browser.ShouldHaveNoScriptErrors();
    }
}

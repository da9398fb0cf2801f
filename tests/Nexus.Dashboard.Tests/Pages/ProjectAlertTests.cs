using Nexus.Dashboard.Tests.Support;
using Nexus.Durable;
using Shouldly;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Nexus.Dashboard.Tests.Pages;

/// <summary>Performance alerts (a step beyond a configured limit) on the project page: the project went on, the card says so.</summary>
public sealed class ProjectAlertTests(DashboardFixture fixture)
{
    [Fact]
    public async Task ProjectPage_PerformanceAlerts_AreShownAsAnAlertCard()
    {
        // A 1 MB limit: every real test run (node --test) goes beyond it, and the project goes on to the end.
        await using var host = await TestHost.StartAsync(Projects.Ct, runtime => runtime.Performance.MaxTestRunMemoryMb = 1);
        var id = await host.StartDemoAsync(Projects.NewId("alert"));
        var done = await host.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Completed);
        done.Status!.Alerts.ShouldNotBeEmpty();
        await using var browser = await fixture.OpenAsync(host: host);
        var page = browser.Page;

        await page.GotoAsync($"/#/projects/{id}");

        var card = page.Locator("[data-card='alerts']");
        await Expect(card).ToBeVisibleAsync();
        await Expect(card.Locator("li[data-alert='performance']")).ToHaveCountAsync(done.Status.Alerts.Count);
        await Expect(card.Locator("li").First).ToContainTextAsync("Tests · iteration 1");
        await Expect(card.Locator("li").First).ToContainTextAsync("MB of memory at its peak");
        await Layout.CheckAtEveryWidthAsync(browser, "project-alerts", p => Expect(p.Locator("[data-card='alerts']")).ToBeVisibleAsync());
        browser.ShouldHaveNoScriptErrors();
    }
}

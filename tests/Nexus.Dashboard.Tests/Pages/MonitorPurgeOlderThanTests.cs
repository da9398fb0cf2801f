using System.Net;
using Nexus.Dashboard.Tests.Support;
using Nexus.Durable;
using Nexus.Testing;
using Shouldly;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Nexus.Dashboard.Tests.Pages;

/// <summary>The list's "purge older than N days" on a host whose clock jumps ten days between two batches of finished
/// projects: the old batch goes, the new one stays.</summary>
public sealed class MonitorPurgeOlderThanTests(DashboardFixture fixture)
{
    [Fact]
    public async Task PurgeOlderThan_RemovesTheOldProjects_AndKeepsTheNewerOnes()
    {
        var clock = new ShiftedClock();
        await using var host = await TestHost.StartAsync(Projects.Ct, runtime => runtime.TimeProvider = clock);
        var prefix = Projects.NewId("aged") + "-";
        string[] old = [prefix + "old0", prefix + "old1"];
        string[] recent = [prefix + "new0", prefix + "new1"];
        await StartFinishedAsync(host, old);
        clock.Advance(TimeSpan.FromDays(10));
        await StartFinishedAsync(host, recent);

        await using var browser = await fixture.OpenAsync(host: host);
        var page = browser.Page;
        var rows = page.Locator("#project-rows tr[data-id]");
        await page.GotoAsync($"/#/?prefix={prefix}");
        await Expect(rows).ToHaveCountAsync(4);
        await page.FillAsync("#purge-days", "5");
        await page.ClickAsync("#purge-older");
        await Expect(page.Locator("#confirm-title")).ToHaveTextAsync("Purge the finished projects older than 5 days?");
        await page.ClickAsync("#confirm-ok");
        await Expect(page.Locator("#notice")).ToContainTextAsync("Purged 2 projects.");

        await Expect(rows).ToHaveCountAsync(2);
        (await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.id)")).Order(StringComparer.Ordinal).ShouldBe(recent);
        foreach (var id in old)
        {
            (await host.GetAsync(id)).Status.ShouldBe(HttpStatusCode.NotFound);
        }

        browser.ShouldHaveNoScriptErrors();
    }

    private static async Task StartFinishedAsync(TestHost host, IEnumerable<string> ids)
    {
        var list = ids.ToList();
        await host.StartParkedAsync(list, _ => null);
        foreach (var id in list)
        {
            await host.StopAsync(id);
            await host.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Terminated);
        }
    }
}

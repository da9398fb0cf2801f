using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Nexus.Dashboard.Tests.Support;
using Nexus.Durable;
using Shouldly;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Nexus.Dashboard.Tests.Pages;

/// <summary>The system view: the KPIs of <c>GET /api/kpis</c> (completion rate, response time per agent, uptime, cost and
/// tokens) as cards and a table per agent, at three widths.</summary>
public sealed class SystemViewTests(DashboardFixture fixture)
{
    private readonly TestHost _host = fixture.Host;

    [Fact]
    public async Task SystemView_ShowsTheKpisOfTheApi_OneRowPerAgent()
    {
        var id = await _host.StartDemoAsync(Projects.NewId("kpi"));
        await _host.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Completed);
        var kpis = await _host.Api.GetFromJsonAsync<JsonElement>("/api/kpis", Projects.Ct);
        await using var browser = await fixture.OpenAsync();
        var page = browser.Page;

        await page.GotoAsync("/#/system");

        await Expect(page).ToHaveTitleAsync("System · NEXUS");
        await Expect(page.Locator("[data-nav='system']")).ToHaveClassAsync(new Regex(@"\bactive\b"));
        await Expect(page.Locator("[data-kpi='projects'] .card-value")).ToHaveTextAsync(kpis.GetProperty("projects").GetInt32().ToString("N0", CultureInfo.InvariantCulture));
        var rate = kpis.GetProperty("completionRate").GetDouble();
        await Expect(page.Locator("[data-kpi='completion'] .card-value")).ToHaveTextAsync($"{Math.Round(rate * 100, MidpointRounding.AwayFromZero)}%");
        await Expect(page.Locator("[data-kpi='uptime'] .card-value")).ToHaveTextAsync(new Regex(@"^\d+(\.\d)? s$|^\d+ m \d\d s$|^\d+ h \d\d m$"));
        await Expect(page.Locator("[data-kpi='cost'] .card-value")).ToHaveTextAsync(new Regex(@"^\$\d"));
        await Expect(page.Locator("#kpi-statuses")).ToContainTextAsync("Completed");

        // One row per agent, in team order, each with the turns and the average response time the API counted.
        var rows = page.Locator("#kpi-agents tr");
        await Expect(rows).ToHaveCountAsync(5);
        var team = kpis.GetProperty("agents").EnumerateArray().Select(a => a.GetProperty("agent").GetString()).ToArray();
        team.Order().ShouldBe(["alpha", "aria", "beta", "code", "prime"]);
        (await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.agent)")).ShouldBe(team);
        var code = kpis.GetProperty("agents").EnumerateArray().Single(a => a.GetProperty("agent").GetString() == "code");
        code.GetProperty("turns").GetInt32().ShouldBeGreaterThan(0);
        await Expect(page.Locator("#kpi-agents tr[data-agent='code'] td").Nth(0)).ToHaveTextAsync("Code · developer");
        await Expect(page.Locator("#kpi-agents tr[data-agent='code'] td").Nth(1)).ToHaveTextAsync(code.GetProperty("turns").GetInt32().ToString("N0", CultureInfo.InvariantCulture));
        await Expect(page.Locator("#kpi-agents tr[data-agent='code'] td").Nth(2)).Not.ToHaveTextAsync("—");

        await Layout.CheckAtEveryWidthAsync(browser, "system", p => Expect(p.Locator("#kpi-agents tr[data-agent='prime']")).ToBeVisibleAsync());
        browser.ShouldHaveNoScriptErrors();
    }
}

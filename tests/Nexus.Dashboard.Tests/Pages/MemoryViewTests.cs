using System.Text.RegularExpressions;
using Nexus.Dashboard.Tests.Support;
using Nexus.Workflows.Memory;
using Shouldly;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Nexus.Dashboard.Tests.Pages;

/// <summary>The memory view (<c>#/memory</c>): a search box over <c>GET /api/memory?q=</c>, the entries best first, each
/// linking to its project, at three widths.</summary>
public sealed class MemoryViewTests(DashboardFixture fixture)
{
    private readonly TestHost _host = fixture.Host;

    [Fact]
    public async Task MemoryView_SearchesTheMemory_AndLinksEachEntryToItsProject()
    {
        var memory = _host.Projects.Memory.ShouldNotBeNull();
        var word = "zq" + Guid.NewGuid().ToString("N")[..10];
        var id = Projects.NewId("memory");
        await memory.RememberAsync(id, [
            new MemoryEntry(id, MemoryKinds.Fix, $"Fixed test: {word} keeps whole words", $"Failed with: {word} cut in half\nFixed by: 1a2b3c4 Code: implement", DateTimeOffset.UnixEpoch),
            new MemoryEntry(id, MemoryKinds.Plan, "Plan: something else", $"A longer plan that mentions {word} once, among many other words about something else entirely.", DateTimeOffset.UnixEpoch),
        ], [], Projects.Ct);
        try
        {
            await using var browser = await fixture.OpenAsync();
            var page = browser.Page;

            await page.GotoAsync("/#/memory");
            await Expect(page).ToHaveTitleAsync("Memory · NEXUS");
            await Expect(page.Locator("[data-nav='memory']")).ToHaveClassAsync(new Regex(@"\bactive\b"));
            // Only the unique word: other tests of this shared host finish demo projects whose lessons hold ordinary words.
            await page.Locator("#memory-query").FillAsync(word);
            await page.Locator("#memory-query").PressAsync("Enter");

            var entries = page.Locator("#memory-results .memory-entry");
            await Expect(entries).ToHaveCountAsync(2);
            (await entries.EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.kind)")).ShouldBe(["fix", "plan"]);
            await Expect(entries.First).ToContainTextAsync($"Fixed test: {word} keeps whole words");
            await Expect(entries.First.Locator("a")).ToHaveAttributeAsync("href", $"#/projects/{id}");
            await Expect(page.Locator("#memory-info")).ToContainTextAsync("2 entries · SQLite FTS5");
            page.Url.ShouldEndWith($"#/memory?q={word}");

            await Layout.CheckAtEveryWidthAsync(browser, "memory", p => Expect(p.Locator("#memory-results .memory-entry").First).ToBeVisibleAsync());
            browser.ShouldHaveNoScriptErrors();
        }
        finally
        {
            await memory.ForgetAsync(id, Projects.Ct);
        }
    }
}

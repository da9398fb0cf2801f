using System.Net;
using System.Text.RegularExpressions;
using Nexus.Dashboard.Tests.Support;
using Shouldly;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Nexus.Dashboard.Tests.Pages;

/// <summary>The dashboard asks for the key once, keeps it, asks again on a 401, and forgets it on request.</summary>
public sealed class ApiKeyTests(DashboardFixture fixture)
{
    private readonly TestHost _host = fixture.Host;

    [Fact]
    public async Task FirstVisit_WrongKey_ShowsTheProblemAndKeepsAsking_RightKeyLoadsTheList()
    {
        await using var browser = await fixture.OpenAsync(storedKey: null);
        var page = browser.Page;

        await page.GotoAsync("/");
        await Expect(page.Locator("#key-dialog")).ToBeVisibleAsync();
        await page.FillAsync("#key-input", "not-the-key");
        await page.ClickAsync("#key-submit");

        await Expect(page.Locator("#key-error .problem-title")).ToHaveTextAsync("Unauthorized");
        await Expect(page.Locator("#key-error .problem-detail")).ToHaveTextAsync("The API key is not valid.");
        await Expect(page.Locator("#key-dialog")).ToBeVisibleAsync();
        (await browser.StoredKeyAsync()).ShouldBeEmpty();

        await page.FillAsync("#key-input", TestHost.ApiKey);
        await page.ClickAsync("#key-submit");
        await Expect(page.Locator("#key-dialog")).ToBeHiddenAsync();
        await Expect(page.Locator("#list-updated")).ToHaveTextAsync(new Regex("^Updated "));
        await Expect(page.Locator("#key-state")).ToHaveTextAsync("API key set");
        (await browser.StoredKeyAsync()).ShouldBe(TestHost.ApiKey);
        browser.ShouldHaveNoScriptErrors();
    }

    [Fact]
    public async Task StaleKey_StartIsRefused_WrongKeyStartsNothing_RightKeyStartsTheProject()
    {
        await using var browser = await fixture.OpenAsync(storedKey: "a-key-that-was-revoked");
        var page = browser.Page;
        var id = Projects.NewId("keyed");
        var before = await _host.CountAsync();

        await page.GotoAsync("/#/new");
        await page.FillAsync("#start-description", "a project started with a revoked key");
        await page.FillAsync("#start-id", id);
        await page.SelectOptionAsync("#start-provider", "replay");
        await page.CheckAsync("#start-approvePlan");
        await page.ClickAsync("#start-submit");

        // The 401 clears the stored key and asks for another; a wrong one is refused with the server's problem details.
        await Expect(page.Locator("#key-dialog")).ToBeVisibleAsync();
        await Expect(page.Locator("#key-message")).ToContainTextAsync("The server refused the key");
        (await browser.StoredKeyAsync()).ShouldBeEmpty();
        await page.FillAsync("#key-input", "still-wrong");
        await page.ClickAsync("#key-submit");
        await Expect(page.Locator("#key-error .problem-detail")).ToHaveTextAsync("The API key is not valid.");
        (await _host.GetAsync(id)).Status.ShouldBe(HttpStatusCode.NotFound);
        (await _host.CountAsync()).ShouldBe(before);

        // With the right key the refused request is sent again: the project starts and its page opens.
        await page.FillAsync("#key-input", TestHost.ApiKey);
        await page.ClickAsync("#key-submit");
        await Expect(page).ToHaveURLAsync(new Regex($"#/projects/{id}$"));
        await Expect(page.Locator("#phase")).ToHaveTextAsync("approval");
        (await _host.GetAsync(id)).Status.ShouldBe(HttpStatusCode.Accepted);
        (await _host.CountAsync()).ShouldBe(before + 1);
        await _host.StopAsync(id);
        browser.ShouldHaveNoScriptErrors();
    }

    [Fact]
    public async Task ForgetKey_RemovesTheStoredKeyAndAsksAgain()
    {
        await using var browser = await fixture.OpenAsync();
        var page = browser.Page;
        await page.GotoAsync("/");
        await Expect(page.Locator("#list-updated")).ToHaveTextAsync(new Regex("^Updated "));
        await Expect(page.Locator("#key-dialog")).ToBeHiddenAsync();

        await page.ClickAsync("#forget-key");

        await Expect(page.Locator("#key-dialog")).ToBeVisibleAsync();
        await Expect(page.Locator("#key-message")).ToContainTextAsync("forgotten");
        await Expect(page.Locator("#key-state")).ToHaveTextAsync("no API key");
        (await browser.StoredKeyAsync()).ShouldBeEmpty();
        await page.ReloadAsync();
        await Expect(page.Locator("#key-dialog")).ToBeVisibleAsync();
        browser.ShouldHaveNoScriptErrors();
    }
}

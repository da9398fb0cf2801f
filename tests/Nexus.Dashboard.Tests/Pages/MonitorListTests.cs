using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Nexus.Dashboard.Tests.Support;
using Nexus.Durable;
using Nexus.Workflows.Model;
using Shouldly;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Nexus.Dashboard.Tests.Pages;

/// <summary>The project list as a monitor, against the real host with many real projects: filters (status, text, id
/// prefix, creation time range), the server's paging with continuation tokens in the order chosen (sorting is the store's,
/// across pages), bulk purge, and the layout at three widths.</summary>
public sealed class MonitorListTests(DashboardFixture fixture)
{
    private readonly TestHost _host = fixture.Host;

    [Fact]
    public async Task List_FiltersSortAndPages_ThroughManyProjects()
    {
        var prefix = Projects.NewId("mon") + "-";
        // 14 real projects parked at the plan gate (Running); 5 of them then terminated. Three mention "needle".
        var ids = Enumerable.Range(0, 14).Select(i => $"{prefix}{i:D2}").ToList();
        await _host.StartParkedAsync(ids.Take(9), i => i % 4 == 0 ? "find the needle in this one" : null);
        await _host.StartParkedAsync(ids.Skip(9), _ => null);
        foreach (var id in ids.Take(5))
        {
            await _host.StopAsync(id);
            await _host.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Terminated);
        }

        var created = new Dictionary<string, DateTimeOffset>();
        foreach (var id in ids)
        {
            created[id] = (await _host.Projects.GetAsync(id, cancellationToken: Projects.Ct))!.CreatedTime;
        }

        var newestFirst = ids.OrderByDescending(id => created[id]).ThenByDescending(id => id, StringComparer.Ordinal).ToList();
        await using var browser = await fixture.OpenAsync();
        var page = browser.Page;
        var rows = page.Locator("#project-rows tr[data-id]");

        // Newest first, 10 per page; the next page is the server's (its continuation token), then back.
        await page.GotoAsync($"/#/?prefix={prefix}&size=10");
        await Expect(rows).ToHaveCountAsync(10);
        (await RowIdsAsync(page)).ShouldBe(newestFirst.Take(10));
        await Expect(page.Locator("#page-prev")).ToBeDisabledAsync();
        await page.ClickAsync("#page-next");
        await Expect(rows).ToHaveCountAsync(4);
        (await RowIdsAsync(page)).ShouldBe(newestFirst.Skip(10));
        await Expect(page.Locator("#page-next")).ToBeDisabledAsync();
        await Expect(page.Locator("#page-info")).ToContainTextAsync("Page 2");
        await page.ClickAsync("#page-prev");
        await Expect(page.Locator("#page-info")).ToContainTextAsync("Page 1");
        (await RowIdsAsync(page)).ShouldBe(newestFirst.Take(10));

        // Oldest first: the server's order again, from the first page.
        await page.ClickAsync("th button[data-sort='created']");
        await Expect(page.Locator("th button[data-sort='created']")).ToHaveClassAsync(new Regex(@"\bactive\b"));
        await Expect(rows.First).ToHaveAttributeAsync("data-id", newestFirst[^1]);
        (await RowIdsAsync(page)).ShouldBe(Enumerable.Reverse(newestFirst).Take(10));
        await Expect(page).ToHaveURLAsync(new Regex("sort=created-asc"));

        // Another column sorts in the store too: the order spans the pages (page 2 continues it), and a reload keeps it.
        var byId = ids.Order(StringComparer.Ordinal).ToList();
        await page.ClickAsync("th button[data-sort='id']");
        await Expect(rows.First).ToHaveAttributeAsync("data-id", byId[0]);
        (await RowIdsAsync(page)).ShouldBe(byId.Take(10));
        await page.ClickAsync("#page-next");
        await Expect(rows).ToHaveCountAsync(4);
        (await RowIdsAsync(page)).ShouldBe(byId.Skip(10));
        await page.ClickAsync("th button[data-sort='id']");
        await Expect(rows.First).ToHaveAttributeAsync("data-id", byId[^1]);
        await Expect(page.Locator("#page-info")).ToContainTextAsync("Page 1");
        (await RowIdsAsync(page)).ShouldBe(Enumerable.Reverse(byId).Take(10));
        await page.ReloadAsync();
        await Expect(page).ToHaveURLAsync(new Regex("sort=id-desc"));
        await Expect(rows).ToHaveCountAsync(10);
        (await RowIdsAsync(page)).ShouldBe(Enumerable.Reverse(byId).Take(10));

        // By status: the 9 running ones, then the terminated ones (ties by id) — the tenth row and page 2 are terminated.
        var byStatus = ids.Skip(5).Order(StringComparer.Ordinal).Concat(ids.Take(5).Order(StringComparer.Ordinal)).ToList();
        await page.ClickAsync("th button[data-sort='status']");
        await Expect(page).ToHaveURLAsync(new Regex("sort=status-asc"));
        await Expect(rows.Nth(9)).ToHaveAttributeAsync("data-id", byStatus[9]);
        (await RowIdsAsync(page)).ShouldBe(byStatus.Take(10));
        await page.ClickAsync("#page-next");
        await Expect(rows).ToHaveCountAsync(4);
        (await RowIdsAsync(page)).ShouldBe(byStatus.Skip(10));
        await Expect(page.Locator("#project-rows tr[data-status='Running']")).ToHaveCountAsync(0);

        // A column the store cannot order by offers no sorting (one page sorted alone would mislead).
        await Expect(page.Locator("th button[data-sort='cost']")).ToHaveCountAsync(0);
        await Expect(page.Locator("th button[data-sort='phase']")).ToHaveCountAsync(0);
        await Expect(page.Locator("th button[data-sort='updated']")).ToHaveCountAsync(1);

        // Status, text and time range, each checked against what the host holds.
        await page.SelectOptionAsync("#page-size", "25");
        await Expect(rows).ToHaveCountAsync(14);
        await page.SelectOptionAsync("#filter-status", "Terminated");
        await Expect(rows).ToHaveCountAsync(5);
        (await RowIdsAsync(page)).Order().ShouldBe(ids.Take(5).Order());
        await page.SelectOptionAsync("#filter-status", "Running");
        await Expect(rows).ToHaveCountAsync(9);
        await page.SelectOptionAsync("#filter-status", "");
        await page.FillAsync("#filter-search", "NEEDLE");
        await Expect(rows).ToHaveCountAsync(3);
        (await RowIdsAsync(page)).Order().ShouldBe(new[] { ids[0], ids[4], ids[8] });
        await page.FillAsync("#filter-search", prefix + "1");
        await Expect(rows).ToHaveCountAsync(4);
        await page.ClickAsync("#filter-clear");
        await Expect(page.Locator("#filter-prefix")).ToHaveValueAsync(string.Empty);

        var cutoff = ids.Skip(9).Min(id => created[id]);
        ids.Take(9).ShouldAllBe(id => created[id] < cutoff);
        var local = await page.EvaluateAsync<string>(LocalTime, cutoff.ToString("O"));
        await page.GotoAsync($"/#/?prefix={prefix}&from={Uri.EscapeDataString(local)}");
        await page.ReloadAsync();
        // The input keeps the instant to the millisecond (it drops trailing zeros).
        await Expect(page.Locator("#filter-from")).ToHaveValueAsync(new Regex("^" + Regex.Escape(local.TrimEnd('0').TrimEnd('.'))));
        await Expect(rows).ToHaveCountAsync(5);
        (await RowIdsAsync(page)).Order().ShouldBe(ids.Skip(9).Order());
        await page.GotoAsync($"/#/?prefix={prefix}&to={Uri.EscapeDataString(local)}");
        await page.ReloadAsync();
        await Expect(rows).ToHaveCountAsync(9);
        (await RowIdsAsync(page)).Order().ShouldBe(ids.Take(9).Order());

        // Waiting projects stand out (row, chip, banner, title); terminated ones look failed.
        await page.GotoAsync($"/#/?prefix={prefix}");
        await page.ReloadAsync();
        await Expect(rows).ToHaveCountAsync(14);
        var waitingRow = page.Locator($"#project-rows tr[data-id='{ids[9]}']");
        await Expect(waitingRow).ToHaveClassAsync(new Regex(@"\bwaiting\b"));
        await Expect(waitingRow.Locator(".attention-chip")).ToHaveTextAsync("waiting for you");
        await Expect(page.Locator("#attention")).ToContainTextAsync(ids[13]);
        await Expect(page).ToHaveTitleAsync(new Regex(@"^\(\d+\) waiting for you · Projects · NEXUS$"));
        var stoppedRow = page.Locator($"#project-rows tr[data-id='{ids[0]}']");
        await Expect(stoppedRow).ToHaveClassAsync(new Regex(@"\bfailed\b"));
        await Expect(stoppedRow.Locator("td.phase")).ToHaveTextAsync("cancelled");

        await Layout.CheckAtEveryWidthAsync(browser, "list", p => Expect(p.Locator("#project-rows tr[data-id]")).ToHaveCountAsync(14));

        foreach (var id in ids.Skip(5))
        {
            await _host.StopAsync(id);
        }

        browser.ShouldHaveNoScriptErrors();
    }

    [Fact]
    public async Task BulkPurge_SelectedByFilterAndOlderThan_RemovesWhatItShouldAndNothingElse()
    {
        var prefix = Projects.NewId("bulk") + "-";
        var finished = Enumerable.Range(0, 4).Select(i => $"{prefix}done{i}").ToList();
        var running = prefix + "running";
        var other = Projects.NewId("keep");
        await _host.StartParkedAsync([.. finished, running, other], _ => null);
        foreach (var id in finished.Append(other))
        {
            await _host.StopAsync(id);
            await _host.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Terminated);
        }

        await using var browser = await fixture.OpenAsync();
        var page = browser.Page;
        var rows = page.Locator("#project-rows tr[data-id]");
        await page.GotoAsync($"/#/?prefix={prefix}");
        await Expect(rows).ToHaveCountAsync(5);
        await Expect(page.Locator($"#project-rows tr[data-id='{running}'] .row-select")).ToBeDisabledAsync();
        await Expect(page.Locator("#purge-selected")).ToBeDisabledAsync();

        // Selected: two of them, after a confirmation (backing out first changes nothing).
        await page.CheckAsync($"#project-rows tr[data-id='{finished[0]}'] .row-select");
        await page.CheckAsync($"#project-rows tr[data-id='{finished[1]}'] .row-select");
        await Expect(page.Locator("#purge-selected")).ToHaveTextAsync("Purge selected (2)");
        await page.ClickAsync("#purge-selected");
        await Expect(page.Locator("#confirm-message")).ToContainTextAsync(finished[0]);
        await page.ClickAsync("#confirm-cancel");
        (await _host.CountWithPrefixAsync(prefix)).ShouldBe(5);
        await page.ClickAsync("#purge-selected");
        await page.ClickAsync("#confirm-ok");
        await Expect(page.Locator("#notice")).ToContainTextAsync("Purged 2 projects.");
        await Expect(rows).ToHaveCountAsync(3);
        (await _host.GetAsync(finished[0])).Status.ShouldBe(HttpStatusCode.NotFound);
        (await _host.GetAsync(finished[1])).Status.ShouldBe(HttpStatusCode.NotFound);

        // Older than a day: every project here is newer, so nothing goes.
        await page.FillAsync("#purge-days", "1");
        await page.ClickAsync("#purge-older");
        await Expect(page.Locator("#confirm-title")).ToHaveTextAsync("Purge the finished projects older than 1 day?");
        await page.ClickAsync("#confirm-ok");
        await Expect(page.Locator("#notice")).ToContainTextAsync("Purged 0 projects.");
        (await _host.CountWithPrefixAsync(prefix)).ShouldBe(3);

        // By filter: the list's filters (prefix; a Running-only filter offers nothing to purge), running ones kept.
        await page.SelectOptionAsync("#filter-status", "Running");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(page.Locator("#purge-filter")).ToBeDisabledAsync();
        await page.SelectOptionAsync("#filter-status", "");
        await Expect(rows).ToHaveCountAsync(3);
        await page.ClickAsync("#purge-filter");
        await Expect(page.Locator("#confirm-message")).ToContainTextAsync($"id starts with “{prefix}”");
        await page.ClickAsync("#confirm-ok");
        await Expect(page.Locator("#notice")).ToContainTextAsync("Purged 2 projects.");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToHaveAttributeAsync("data-id", running);

        // Nothing else: the running project and a finished one outside the filter are still there.
        (await _host.GetAsync(running)).Status.ShouldBe(HttpStatusCode.Accepted);
        (await _host.GetAsync(other)).Status.ShouldBe(HttpStatusCode.OK);

        // The API says what it skipped and refuses to purge running projects by status.
        using var skipped = await _host.Api.PostAsJsonAsync("/api/projects/purge", new { ids = new[] { running, prefix + "ghost" } }, Projects.Ct);
        var answer = await skipped.Content.ReadFromJsonAsync<JsonElement>(Projects.Ct);
        answer.GetProperty("instancesDeleted").GetInt32().ShouldBe(0);
        answer.GetProperty("skipped").EnumerateArray().Select(s => s.GetProperty("id").GetString()).ShouldBe([running, prefix + "ghost"]);
        using var refused = await _host.Api.PostAsJsonAsync("/api/projects/purge", new { runtimeStatus = new[] { "Running" } }, Projects.Ct);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await _host.GetAsync(running)).Status.ShouldBe(HttpStatusCode.Accepted);

        await _host.StopAsync(running);
        browser.ShouldHaveNoScriptErrors();
    }

    private const string LocalTime = """
        (iso) => {
          const d = new Date(iso);
          const p = (n, w = 2) => String(n).padStart(w, '0');
          return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
        }
        """;

    private static async Task<List<string>> RowIdsAsync(IPage page) =>
        [.. await page.Locator("#project-rows tr[data-id]").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.id)")];
}

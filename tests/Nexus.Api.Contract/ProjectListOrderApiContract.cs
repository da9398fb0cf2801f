using System.Net;
using Nexus.Durable;
using Nexus.Workflows.Model;
using Shouldly;
using Xunit;
using static Nexus.Api.Contract.Support.Api;

namespace Nexus.Api.Contract;

/// <summary><c>GET /api/projects?orderBy=…</c> sorts in the store, so the order holds across pages (continuation tokens),
/// for every column the list offers; run against both hosts (Nexus.Server.Tests and Nexus.Functions.Tests derive from it).</summary>
public abstract class ProjectListOrderApiContract(IApiHost app)
{
    private readonly IApiHost _app = app;

    [Fact]
    public async Task List_OrderByEachColumn_PagesInThatOrder()
    {
        using var client = _app.CreateApiClient();
        var prefix = NewId("lord");
        var ids = new List<string>();
        foreach (var n in new[] { 3, 0, 4, 1, 2 })
        {
            var id = await client.StartAsync(Demo($"{prefix}-{n}"));
            await _app.Projects.WaitForPhaseAsync(id, ProjectPhases.Approval);
            ids.Add(id);
        }

        // Terminated in another order than created: the last-updated order differs from the creation order; two stay Running.
        foreach (var id in new[] { ids[3], ids[0], ids[2] })
        {
            await (await client.PostAsync($"/api/projects/{id}/terminate", null, Ct)).ShouldBeAsync(HttpStatusCode.Accepted);
            await _app.Projects.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Terminated);
        }

        var views = new List<(string Id, DateTimeOffset Created, DateTimeOffset Updated, OrchestrationRuntimeStatus Status)>();
        foreach (var id in ids)
        {
            var view = (await _app.Projects.GetAsync(id, cancellationToken: Ct)).ShouldNotBeNull();
            views.Add((id, view.CreatedTime, view.LastUpdatedTime, view.RuntimeStatus));
        }

        IEnumerable<string> Expected(Func<(string Id, DateTimeOffset Created, DateTimeOffset Updated, OrchestrationRuntimeStatus Status), long> key, bool descending)
        {
            var ascending = views.OrderBy(key).ThenBy(v => v.Id, StringComparer.Ordinal).Select(v => v.Id).ToList();
            return descending ? Enumerable.Reverse(ascending) : ascending;
        }

        var byUpdated = await ListAllAsync(client, prefix, "lastUpdatedTime desc");
        byUpdated.ShouldBe(Expected(v => v.Updated.UtcTicks, descending: true));
        byUpdated.Take(3).ShouldBe([ids[2], ids[0], ids[3]]);
        (await ListAllAsync(client, prefix, "lastUpdatedTime")).ShouldBe(Expected(v => v.Updated.UtcTicks, descending: false));
        var byStatus = await ListAllAsync(client, prefix, "runtimeStatus");
        byStatus.ShouldBe(Expected(v => (long)v.Status, descending: false));
        byStatus.Take(2).ShouldBe(new[] { ids[1], ids[4] }.Order(StringComparer.Ordinal));
        (await ListAllAsync(client, prefix, "runtimeStatus desc")).ShouldBe(Expected(v => (long)v.Status, descending: true));
        (await ListAllAsync(client, prefix, "instanceId desc")).ShouldBe(ids.Order(StringComparer.Ordinal).Reverse());
        (await ListAllAsync(client, prefix, "createdTime")).ShouldBe(Expected(v => v.Created.UtcTicks, descending: false));

        foreach (var id in new[] { ids[1], ids[4] })
        {
            await client.PostAsync($"/api/projects/{id}/terminate", null, Ct);
        }
    }

    // Every page of two, following the continuation token; the order parameter goes with each request.
    private static async Task<List<string>> ListAllAsync(HttpClient client, string prefix, string orderBy)
    {
        var ids = new List<string>();
        string? token = null;
        for (var pages = 0; pages < 10; pages++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/projects?instanceIdPrefix={prefix}&orderBy={Uri.EscapeDataString(orderBy)}&top=2");
            if (token is not null)
            {
                request.Headers.Add("x-ms-continuation-token", token);
            }

            using var response = await client.SendAsync(request, Ct);
            var page = await response.ShouldBeAsync(HttpStatusCode.OK);
            page.GetArrayLength().ShouldBeLessThanOrEqualTo(2);
            ids.AddRange(page.EnumerateArray().Select(p => p.GetProperty("instanceId").GetString()!));
            token = response.Headers.TryGetValues("x-ms-continuation-token", out var values) ? values.Single() : null;
            if (token is null)
            {
                return ids;
            }
        }

        throw new ShouldAssertException($"orderBy={orderBy}: the pages did not end.");
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Nexus.Durable;
using Nexus.Workflows.Model;
using Shouldly;
using Xunit;
using Nexus.Hosting;

namespace Nexus.Dashboard.Tests.Support;

/// <summary>Starts and waits for projects through the API and the engine (waits on change notifications, not sleeps).</summary>
internal static class Projects
{
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..10]}";

    /// <summary>Starts a replay project on the demo scenario through the API.</summary>
    public static async Task<string> StartDemoAsync(this TestHost host, string id, bool approvePlan = false, double? replayDelaySeconds = null, string? description = null)
    {
        var response = await host.Api.PostAsJsonAsync(
            "/api/projects",
            new
            {
                description = description ?? "slugkit: slugify(text, { separator, maxLength }) and isSlug(value)",
                id,
                provider = "replay",
                scenario = "demo",
                approvePlan,
                replayDelaySeconds,
            },
            Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync(Ct));
        return id;
    }

    /// <summary>Starts demo projects that stop at the plan gate (Running, waiting for a person), all at once, and waits until
    /// each waits there. <paramref name="description"/> gives a project's description by its position (null: the demo's).</summary>
    public static async Task StartParkedAsync(this TestHost host, IEnumerable<string> ids, Func<int, string?> description)
    {
        var list = ids.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            await host.StartDemoAsync(list[i], approvePlan: true, description: description(i));
        }

        foreach (var id in list)
        {
            await host.WaitForPhaseAsync(id, ProjectPhases.Approval);
        }
    }

    /// <summary>How many projects with ids starting with <paramref name="prefix"/> the host has.</summary>
    public static async Task<int> CountWithPrefixAsync(this TestHost host, string prefix)
    {
        var page = await host.Api.GetFromJsonAsync<JsonElement>($"/api/projects?top=1000&instanceIdPrefix={Uri.EscapeDataString(prefix)}", Ct);
        return page.GetArrayLength();
    }

    public static Task<ProjectView> WaitForStatusAsync(this TestHost host, string id, OrchestrationRuntimeStatus status) =>
        host.WaitForAsync(id, v => v?.RuntimeStatus == status, $"status {status}");

    public static Task<ProjectView> WaitForPhaseAsync(this TestHost host, string id, string phase) =>
        host.WaitForAsync(id, v => v?.Status?.Phase == phase, $"phase {phase}");

    public static async Task<ProjectView> WaitForAsync(this TestHost host, string id, Func<ProjectView?, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            var view = await host.Projects.GetAsync(id, includeHistory: true, cancellationToken: Ct);
            if (condition(view))
            {
                return view!;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {id} to reach {what} (it is {view?.RuntimeStatus}, phase {view?.Status?.Phase}).");
            }

            await host.Projects.WaitForChangeAsync(id, TimeSpan.FromMilliseconds(250), Ct);
        }
    }

    /// <summary>GET /api/projects/{id}: the status code and the body.</summary>
    public static async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(this TestHost host, string id)
    {
        using var response = await host.Api.GetAsync($"/api/projects/{Uri.EscapeDataString(id)}", Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        using var document = JsonDocument.Parse(text);
        return (response.StatusCode, document.RootElement.Clone());
    }

    /// <summary>How many projects the host has.</summary>
    public static async Task<int> CountAsync(this TestHost host)
    {
        var all = await host.Api.GetFromJsonAsync<JsonElement>("/api/projects?top=1000", Ct);
        return all.GetArrayLength();
    }

    /// <summary>Terminates a project that may still run (cleanup), ignoring "already finished".</summary>
    public static async Task StopAsync(this TestHost host, string id)
    {
        using var response = await host.Api.PostAsync($"/api/projects/{Uri.EscapeDataString(id)}/terminate?reason=test%20cleanup", null, Ct);
    }
}

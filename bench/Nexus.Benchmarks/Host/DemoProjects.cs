using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Nexus.Benchmarks.Host;

/// <summary>Starts replay projects on the bundled <c>demo</c> scenario through <c>POST /api/projects</c>.</summary>
internal sealed class DemoProjects
{
    private readonly JsonObject _template;

    public DemoProjects(string scenariosDirectory)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(scenariosDirectory, "demo", "scenario.json")));
        var root = json.RootElement;
        _template = new JsonObject
        {
            ["description"] = root.GetProperty("description").GetString(),
            ["requirements"] = root.TryGetProperty("requirements", out var r) ? r.GetString() : null,
            ["technology"] = root.TryGetProperty("technology", out var t) ? t.GetString() : null,
            ["testCommand"] = root.TryGetProperty("testCommand", out var c) ? c.GetString() : null,
            ["provider"] = "replay",
            ["scenario"] = "demo",
        };
    }

    /// <summary>Starts a demo project with id <paramref name="id"/>; <paramref name="approvePlan"/> parks it (Running) at
    /// the approval gate after the plan.</summary>
    public async Task StartAsync(HttpClient client, string id, bool approvePlan, CancellationToken cancellationToken)
    {
        var body = (JsonObject)_template.DeepClone();
        body["id"] = id;
        body["approvePlan"] = approvePlan;
        using var response = await client.PostAsJsonAsync("/api/projects", body, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture, $"POST /api/projects for {id} answered {(int)response.StatusCode}: {text}"));
        }
    }
}

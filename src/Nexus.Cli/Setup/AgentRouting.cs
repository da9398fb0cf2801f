using Nexus.Agents.Roles;

namespace Nexus.Cli.Setup;

/// <summary>Which backend (and model) each agent uses, in one line for the start banner.</summary>
internal static class AgentRouting
{
    /// <summary>
    /// Groups the agents by backend, model and where that came from, in team order:
    /// <c>prime, aria, code → openai (gpt-4.1) from /x/nexus.agents.yaml; alpha, beta → claude</c>.
    /// </summary>
    /// <param name="catalog">The agents.</param>
    /// <param name="model">The <c>--model</c> of the run, which replaces every agent's model, if given.</param>
    public static string Describe(AgentCatalog catalog, string? model)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var groups = catalog.Agents
            .Select(agent => (agent.Id, Route: Route(catalog, agent.Id, agent.Backend, model ?? agent.Model, model is not null)))
            .GroupBy(a => a.Route, StringComparer.Ordinal)
            .Select(g => $"{string.Join(", ", g.Select(a => a.Id))} → {g.Key}");
        return string.Join("; ", groups);
    }

    private static string Route(AgentCatalog catalog, string id, string backend, string? model, bool modelFromFlag)
    {
        var fromFile = !modelFromFlag && catalog.OriginOf(id, "model") != AgentCatalog.BuiltInOrigin
            || catalog.OriginOf(id, "backend") != AgentCatalog.BuiltInOrigin;
        var route = model is null ? backend : $"{backend} ({model})";
        return fromFile && catalog.UserConfigPath is { } file ? $"{route} from {file}" : route;
    }
}

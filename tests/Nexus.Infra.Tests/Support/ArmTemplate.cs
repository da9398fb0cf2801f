using System.Text.Json;

namespace Nexus.Infra.Tests.Support;

/// <summary>One ARM template of the compiled output: main.bicep's, or a module's (nested in a deployment resource).</summary>
internal sealed class ArmTemplate(string name, JsonElement json)
{
    /// <summary>"main", or the module's deployment name.</summary>
    public string Name { get; } = name;

    public JsonElement Json { get; } = json;

    /// <summary>The resources this template deploys (not the <c>existing</c> ones it only refers to). Bicep writes an
    /// array, or an object keyed by symbolic name when the template needs language version 2.0 (typed parameters).</summary>
    public IEnumerable<JsonElement> Resources
    {
        get
        {
            var resources = Json.GetProperty("resources");
            var all = resources.ValueKind == JsonValueKind.Object
                ? resources.EnumerateObject().Select(p => p.Value)
                : resources.EnumerateArray();
            return all.Where(r => !(r.TryGetProperty("existing", out var existing) && existing.GetBoolean()));
        }
    }

    /// <summary>The resources of one type (not those of nested modules).</summary>
    public IReadOnlyList<JsonElement> OfType(string type) =>
        [.. Resources.Where(r => string.Equals(r.GetProperty("type").GetString(), type, StringComparison.OrdinalIgnoreCase))];

    /// <summary>The one resource of a type.</summary>
    public JsonElement Single(string type)
    {
        var found = OfType(type);
        return found.Count == 1 ? found[0] : throw new InvalidOperationException($"{Name}: {found.Count} resources of type {type}, expected 1.");
    }

    public JsonElement Variable(string variable) => Json.GetProperty("variables").GetProperty(variable);

    /// <summary>Parameter definitions by name.</summary>
    public IReadOnlyDictionary<string, JsonElement> Parameters =>
        Json.TryGetProperty("parameters", out var parameters)
            ? parameters.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal)
            : new Dictionary<string, JsonElement>();

    /// <summary>The parameters declared <c>@secure()</c>.</summary>
    public IReadOnlyList<string> SecureParameters =>
        [.. Parameters.Where(p => p.Value.GetProperty("type").GetString() is "securestring" or "secureObject").Select(p => p.Key)];

    public IReadOnlyDictionary<string, JsonElement> Outputs =>
        Json.TryGetProperty("outputs", out var outputs)
            ? outputs.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal)
            : new Dictionary<string, JsonElement>();

    /// <summary>The modules this template deploys: deployment name → (the deployment resource, its template).</summary>
    public IReadOnlyDictionary<string, (JsonElement Deployment, ArmTemplate Template)> Modules =>
        OfType("Microsoft.Resources/deployments").ToDictionary(
            d => d.GetProperty("name").GetString()!,
            d => (d, new ArmTemplate(d.GetProperty("name").GetString()!, d.GetProperty("properties").GetProperty("template"))),
            StringComparer.Ordinal);

    /// <summary>The expression or value this template passes to a module's parameter, as JSON text.</summary>
    public string ModuleArgument(string module, string parameter) =>
        Modules[module].Deployment.GetProperty("properties").GetProperty("parameters").GetProperty(parameter).GetProperty("value").GetRawText();

    /// <summary>This template and all nested ones, depth first.</summary>
    public IEnumerable<ArmTemplate> SelfAndNested()
    {
        yield return this;
        foreach (var (_, (_, template)) in Modules)
        {
            foreach (var nested in template.SelfAndNested())
            {
                yield return nested;
            }
        }
    }

    /// <summary>The resources of one type in this template and all nested ones.</summary>
    public IReadOnlyList<(ArmTemplate Template, JsonElement Resource)> AllOfType(string type) =>
        [.. SelfAndNested().SelectMany(t => t.OfType(type).Select(r => (t, r)))];
}

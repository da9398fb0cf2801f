using System.Globalization;
using Nexus.Agents.Quality;
using YamlDotNet.RepresentationModel;

namespace Nexus.Agents.Roles;

/// <summary>Reads the <c>gates:</c> section of the agents YAML format (<see cref="GateConfiguration"/>), with errors that
/// name the file, the field and the line like the agents' own.</summary>
internal static class GateConfigReader
{
    internal static readonly IReadOnlyList<string> Fields = ["qa", "security", "code_coverage_threshold", "complexity_threshold"];

    /// <summary>The section of <paramref name="node"/> (the value of <c>gates:</c>), or <see langword="null"/> when empty.</summary>
    /// <exception cref="AgentConfigurationException">A field is unknown or its value invalid.</exception>
    public static GateConfiguration? Read(YamlNode node, string source)
    {
        if (AgentConfigReader.IsNull(node))
        {
            return null;
        }

        if (node is not YamlMappingNode mapping)
        {
            throw Error(source, null, "expected a mapping (qa, security, code_coverage_threshold, complexity_threshold)", node);
        }

        var gates = new GateConfiguration();
        var origins = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in mapping.Children)
        {
            var field = keyNode is YamlScalarNode { Value: { Length: > 0 } key } ? key : throw Error(source, null, "keys must be plain names", keyNode);
            var text = value is YamlScalarNode scalar ? scalar.Value?.Trim() : null;
            gates = field switch
            {
                "qa" => gates with { Qa = Flag(source, field, text, value) },
                "security" => gates with { Security = Flag(source, field, text, value) },
                "code_coverage_threshold" => gates with
                {
                    CodeCoverageThreshold = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var coverage) && coverage is >= 0 and <= 100
                        ? coverage
                        : throw Error(source, field, "expected a percentage from 0 to 100", value),
                },
                "complexity_threshold" => gates with
                {
                    ComplexityThreshold = int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var complexity) && complexity >= 1
                        ? complexity
                        : throw Error(source, field, "expected a whole number of at least 1", value),
                },
                _ => throw Error(source, field, $"unknown field; the fields are {string.Join(", ", Fields)}", keyNode),
            };
            origins[field] = AgentConfigReader.Line(keyNode) is { } line ? string.Create(CultureInfo.InvariantCulture, $"{source}:{line}") : source;
        }

        return gates with { Origins = origins };
    }

    private static bool Flag(string source, string field, string? text, YamlNode value) => text switch
    {
        "true" or "True" or "TRUE" or "on" or "yes" => true,
        "false" or "False" or "FALSE" or "off" or "no" => false,
        _ => throw Error(source, field, "expected true or false", value),
    };

    private static AgentConfigurationException Error(string source, string? field, string problem, YamlNode at) =>
        new(source, null, field is null ? GateConfiguration.Section : $"{GateConfiguration.Section}.{field}", problem, AgentConfigReader.Line(at));
}

using System.Globalization;
using System.Text.RegularExpressions;
using Nexus.Agents.Abstractions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Nexus.Agents.Roles;

/// <summary>Reads the agents YAML format (built-ins and user overrides) and merges it into a list of agents.</summary>
/// <remarks>
/// Walks the YAML node tree by hand rather than deserialising into classes, so that every error can name the file,
/// the agent, the field (snake_case, dotted) and the line, and so that unknown fields (typos) are refused.
/// </remarks>
internal static partial class AgentConfigReader
{
    internal static readonly IReadOnlyList<string> PermissionModes = ["default", "acceptEdits", "plan", "bypassPermissions", "dontAsk"];

    private static readonly string[] AgentFields =
        ["name", "backend", "model", "fallback_models", "timeout", "max_retries", "max_turns", "allowed_tools", "permission_mode", "pass_environment", "persona"];

    private static readonly string[] PersonaFields =
    [
        "role", "core_traits", "communication_style", "decision_making", "strengths", "expertise_domains", "instructions",
        "reads_scratchpads", "writes_scratchpads",
    ];

    /// <summary>Returns <paramref name="agents"/> with the agents of <paramref name="yaml"/> merged in (overridden fields replaced, new agents appended).</summary>
    /// <param name="agents">The agents so far.</param>
    /// <param name="yaml">The configuration text.</param>
    /// <param name="source">Where it came from (a file path).</param>
    /// <param name="origins">When given, receives for every field the text sets: agent id → field (snake_case, dotted for
    /// persona fields) → <c>source:line</c>.</param>
    /// <exception cref="AgentConfigurationException">The YAML is invalid.</exception>
    internal static List<AgentDefinition> Merge(
        IReadOnlyList<AgentDefinition> agents, string yaml, string source, Dictionary<string, Dictionary<string, string>>? origins = null)
    {
        var result = agents.ToList();
        var root = LoadRoot(yaml, source);
        if (root is null)
        {
            return result;
        }

        if (root is not YamlMappingNode rootMapping)
        {
            throw new AgentConfigurationException(source, null, null, "the file must be a mapping with an 'agents' key", Line(root));
        }

        foreach (var (keyNode, valueNode) in rootMapping.Children)
        {
            var key = KeyOf(keyNode, source, null, null);
            if (key == Quality.GateConfiguration.Section)
            {
                continue; // read by GateConfigReader
            }

            if (key != "agents")
            {
                throw new AgentConfigurationException(source, null, key, "unknown top-level key; the keys are 'agents' and 'gates'", Line(keyNode));
            }

            if (IsNull(valueNode))
            {
                continue;
            }

            if (valueNode is not YamlMappingNode agentsNode)
            {
                throw new AgentConfigurationException(source, null, "agents", "expected a mapping of agent id to agent settings", Line(valueNode));
            }

            foreach (var (idNode, agentNode) in agentsNode.Children)
            {
                var id = KeyOf(idNode, source, null, null);
                if (!IdPattern().IsMatch(id))
                {
                    throw new AgentConfigurationException(source, id, null, "an agent id must be lower case letters, digits, '-' or '_', starting with a letter", Line(idNode));
                }

                var index = result.FindIndex(a => a.Id == id);
                var merged = ApplyAgent(index >= 0 ? result[index] : null, id, agentNode, source, origins);
                if (index >= 0)
                {
                    result[index] = merged;
                }
                else
                {
                    result.Add(merged);
                }
            }
        }

        return result;
    }

    /// <summary>The <c>gates:</c> section of <paramref name="yaml"/>, or <see langword="null"/> when it has none.</summary>
    /// <exception cref="AgentConfigurationException">The YAML or the section is invalid.</exception>
    internal static Quality.GateConfiguration? ReadGates(string yaml, string source) =>
        LoadRoot(yaml, source) is YamlMappingNode root
        && root.Children.FirstOrDefault(c => c.Key is YamlScalarNode { Value: Quality.GateConfiguration.Section }).Value is { } section
            ? GateConfigReader.Read(section, source)
            : null;

    private static YamlNode? LoadRoot(string yaml, string source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new AgentConfigurationException(source, null, null, $"not valid YAML: {ex.Message}", LineOf(ex.Start), ex);
        }

        if (stream.Documents.Count > 1)
        {
            throw new AgentConfigurationException(source, null, null, "expected one YAML document, found several", Line(stream.Documents[1].RootNode));
        }

        return stream.Documents.Count == 0 || IsNull(stream.Documents[0].RootNode) ? null : stream.Documents[0].RootNode;
    }

    private static AgentDefinition ApplyAgent(
        AgentDefinition? existing, string id, YamlNode node, string source, Dictionary<string, Dictionary<string, string>>? origins)
    {
        Dictionary<string, string>? agentOrigins = null;
        if (origins is not null && !origins.TryGetValue(id, out agentOrigins))
        {
            agentOrigins = new Dictionary<string, string>(StringComparer.Ordinal);
            origins[id] = agentOrigins;
        }

        var isNew = existing is null;
        var agent = existing ?? new AgentDefinition
        {
            Id = id,
            Name = CultureInfo.InvariantCulture.TextInfo.ToTitleCase(id),
            Persona = new AgentPersona { Role = string.Empty },
        };

        if (IsNull(node))
        {
            return isNew ? throw new AgentConfigurationException(source, id, "persona.role", "a new agent needs a persona with a role", Line(node)) : agent;
        }

        if (node is not YamlMappingNode mapping)
        {
            throw new AgentConfigurationException(source, id, null, "expected a mapping of agent settings", Line(node));
        }

        foreach (var (keyNode, value) in mapping.Children)
        {
            var field = KeyOf(keyNode, source, id, null);
            var reader = new FieldReader(source, id, field, value);
            agent = field switch
            {
                "name" => agent with { Name = reader.RequiredString() },
                "backend" => agent with { Backend = reader.Matching(BackendPattern(), "a backend name such as claude, openai, azure-openai, anthropic, ollama or replay") },
                "model" => agent with { Model = reader.OptionalString() },
                "fallback_models" => agent with { FallbackModels = reader.StringList() },
                "timeout" => agent with { Timeout = reader.PositiveDuration() },
                "max_retries" => agent with { MaxRetries = reader.Integer(0, 20) },
                "max_turns" => agent with { MaxTurns = reader.Integer(1, 1000) },
                "allowed_tools" => agent with { AllowedTools = reader.StringList() },
                "permission_mode" => agent with { PermissionMode = reader.OneOf(PermissionModes) },
                "pass_environment" => agent with { PassEnvironment = reader.VariableNameList() },
                "persona" => agent with { Persona = ApplyPersona(agent.Persona, id, value, source, agentOrigins) },
                _ => throw reader.Error($"unknown field; the fields are {string.Join(", ", AgentFields)}", keyNode),
            };
            if (field != "persona" && agentOrigins is not null)
            {
                agentOrigins[field] = Origin(source, keyNode);
            }
        }

        if (string.IsNullOrWhiteSpace(agent.Persona.Role))
        {
            throw new AgentConfigurationException(source, id, "persona.role", "a new agent needs a persona with a role", Line(node));
        }

        return agent;
    }

    private static AgentPersona ApplyPersona(AgentPersona persona, string id, YamlNode node, string source, Dictionary<string, string>? agentOrigins)
    {
        if (IsNull(node))
        {
            return persona;
        }

        if (node is not YamlMappingNode mapping)
        {
            throw new AgentConfigurationException(source, id, "persona", "expected a mapping of persona fields", Line(node));
        }

        foreach (var (keyNode, value) in mapping.Children)
        {
            var name = KeyOf(keyNode, source, id, "persona.");
            var reader = new FieldReader(source, id, "persona." + name, value);
            persona = name switch
            {
                "role" => persona with { Role = reader.RequiredString() },
                "core_traits" => persona with { CoreTraits = reader.StringList() },
                "communication_style" => persona with { CommunicationStyle = reader.OptionalString() ?? string.Empty },
                "decision_making" => persona with { DecisionMaking = reader.OptionalString() ?? string.Empty },
                "strengths" => persona with { Strengths = reader.StringList() },
                "expertise_domains" => persona with { ExpertiseDomains = reader.StringList() },
                "instructions" => persona with { Instructions = reader.OptionalString() },
                "reads_scratchpads" => persona with { ReadsScratchpads = reader.FileNameList() },
                "writes_scratchpads" => persona with { WritesScratchpads = reader.FileNameList() },
                _ => throw reader.Error($"unknown field; the persona fields are {string.Join(", ", PersonaFields)}", keyNode),
            };
            if (agentOrigins is not null)
            {
                agentOrigins["persona." + name] = Origin(source, keyNode);
            }
        }

        return persona;
    }

    private static string Origin(string source, YamlNode keyNode) =>
        Line(keyNode) is { } line ? string.Create(CultureInfo.InvariantCulture, $"{source}:{line}") : source;

    private static string KeyOf(YamlNode keyNode, string source, string? agentId, string? prefix) =>
        keyNode is YamlScalarNode { Value: { Length: > 0 } key }
            ? key
            : throw new AgentConfigurationException(source, agentId, prefix?.TrimEnd('.'), "keys must be plain names", Line(keyNode));

    internal static bool IsNull(YamlNode? node) =>
        node is null
        || (node is YamlScalarNode scalar && scalar.Style is ScalarStyle.Plain or ScalarStyle.Any
            && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL");

    internal static int? Line(YamlNode? node) => node is null ? null : LineOf(node.Start);

    private static int? LineOf(Mark mark) => mark.Line > 0 ? (int)Math.Min(mark.Line, int.MaxValue) : null;

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex VariableNamePattern();

    [GeneratedRegex("^[a-z][a-z0-9_-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[a-z][a-z0-9-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex BackendPattern();

    /// <summary>Reads one field's value, throwing errors that name the source, agent, field and line.</summary>
    private readonly struct FieldReader(string source, string agentId, string field, YamlNode value)
    {
        public AgentConfigurationException Error(string problem, YamlNode? at = null) =>
            new(source, agentId, field, problem, Line(at ?? value));

        public string RequiredString() =>
            OptionalString() is { Length: > 0 } text && !string.IsNullOrWhiteSpace(text) ? text : throw Error("must not be empty");

        public string? OptionalString() => IsNull(value)
            ? null
            : value is YamlScalarNode scalar ? scalar.Value : throw Error($"expected text, got {Describe(value)}");

        public string Matching(Regex pattern, string expected)
        {
            var text = RequiredString();
            return pattern.IsMatch(text) ? text : throw Error($"expected {expected}, got '{text}'");
        }

        public string OneOf(IReadOnlyList<string> allowed)
        {
            var text = RequiredString();
            return allowed.Contains(text, StringComparer.Ordinal) ? text : throw Error($"expected one of {string.Join(", ", allowed)}, got '{text}'");
        }

        public int Integer(int minimum, int maximum)
        {
            var text = value is YamlScalarNode scalar && !IsNull(value) ? scalar.Value : null;
            return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number >= minimum && number <= maximum
                ? number
                : throw Error($"expected a whole number from {minimum} to {maximum}, got {(text is null ? Describe(value) : $"'{text}'")}");
        }

        public TimeSpan PositiveDuration()
        {
            var text = value is YamlScalarNode scalar && !IsNull(value) ? scalar.Value : null;
            return DurationText.TryParse(text, out var duration) && duration > TimeSpan.Zero
                ? duration
                : throw Error($"expected {DurationText.Examples}, got {(text is null ? Describe(value) : $"'{text}'")}");
        }

        public List<string> StringList()
        {
            if (IsNull(value))
            {
                return [];
            }

            if (value is not YamlSequenceNode sequence)
            {
                throw Error($"expected a list, got {Describe(value)}");
            }

            var items = new List<string>(sequence.Children.Count);
            foreach (var item in sequence.Children)
            {
                if (item is not YamlScalarNode { Value: { } text } || IsNull(item) || string.IsNullOrWhiteSpace(text))
                {
                    throw Error($"every item must be non-empty text, got {Describe(item)}", item);
                }

                items.Add(text);
            }

            return items;
        }

        public List<string> FileNameList()
        {
            var names = StringList();
            foreach (var name in names)
            {
                if (name.IndexOfAny(['/', '\\', '\0']) >= 0 || name is "." or "..")
                {
                    throw Error($"'{name}' must be a plain file name such as aria_to_code.md");
                }
            }

            return names;
        }

        public List<string> VariableNameList()
        {
            var names = StringList();
            foreach (var name in names)
            {
                if (!VariableNamePattern().IsMatch(name))
                {
                    throw Error($"'{name}' must be an environment variable name such as GITHUB_TOKEN (letters, digits and '_', not starting with a digit)");
                }
            }

            return names;
        }

        private static string Describe(YamlNode node) => node switch
        {
            _ when IsNull(node) => "nothing (null)",
            YamlScalarNode scalar => $"'{scalar.Value}'",
            YamlSequenceNode => "a list",
            YamlMappingNode => "a mapping",
            _ => "an unsupported value",
        };
    }
}

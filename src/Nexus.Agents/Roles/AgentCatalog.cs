using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Resources;
using Nexus.Agents.Abstractions;

namespace Nexus.Agents.Roles;

/// <summary>The agents of a NEXUS installation: the five built-ins, with a user's configuration merged over them (and the
/// QA and Security gates that configuration sets, <see cref="Gates"/>).</summary>
/// <remarks>
/// <para>
/// The built-ins are data (<c>Roles/BuiltInAgents.yaml</c>, embedded in the assembly). A user file (by default
/// <see cref="DefaultConfigFileName"/>) uses the same format: under <c>agents:</c>, an entry with a built-in id overrides
/// only the fields it names (lists are replaced, not appended; <c>model: null</c> resets to the backend's default), and
/// an entry with a new id adds an agent (it needs at least <c>persona.role</c>; its name defaults to the id in title case).
/// </para>
/// <example>
/// <code>
/// agents:
///   code:
///     backend: openai
///     model: gpt-4.1
///     fallback_models: [gpt-4.1-mini, gpt-4.1-nano]
///     timeout: 10m
///   reviewer:
///     name: Rex
///     backend: anthropic
///     persona:
///       role: Code Reviewer
/// </code>
/// </example>
/// Instances are immutable; the merge methods return a new catalog.
/// </remarks>
public sealed class AgentCatalog
{
    /// <summary>The user configuration file looked for by <see cref="Discover"/>.</summary>
    public const string DefaultConfigFileName = "nexus.agents.yaml";

    /// <summary>The origin <see cref="OriginOf"/> gives a value no user file set.</summary>
    public const string BuiltInOrigin = "built-in";

    private const string BuiltInSource = "built-in agents (Roles/BuiltInAgents.yaml)";
    private static readonly Lazy<AgentCatalog> LazyBuiltIn = new(LoadBuiltInCatalog);

    private readonly Dictionary<string, AgentDefinition> _byId;
    private readonly Dictionary<string, Dictionary<string, string>> _origins;

    private AgentCatalog(
        IReadOnlyList<AgentDefinition> agents, IReadOnlyList<string> sources, Dictionary<string, Dictionary<string, string>> origins, Quality.GateConfiguration? gates = null)
    {
        Agents = agents;
        Sources = sources;
        Gates = gates;
        _origins = origins;
        _byId = agents.ToDictionary(a => a.Id, StringComparer.Ordinal);
    }

    /// <summary>The five built-in agents (Prime, Aria, Code, Alpha, Beta) with no user configuration.</summary>
    public static AgentCatalog BuiltIn => LazyBuiltIn.Value;

    /// <summary>All agents: the built-ins in team order, then added agents in the order they were configured.</summary>
    public IReadOnlyList<AgentDefinition> Agents { get; }

    /// <summary>The QA and Security gates the configuration files set (their <c>gates:</c> section), or
    /// <see langword="null"/> when none did.</summary>
    public Quality.GateConfiguration? Gates { get; }

    /// <summary>Where the configuration came from, in merge order (the built-ins first, then each user file).</summary>
    public IReadOnlyList<string> Sources { get; }

    /// <summary>The last user file merged over the built-ins, or <see langword="null"/> when there is none.</summary>
    public string? UserConfigPath => Sources.Count > 1 ? Sources[^1] : null;

    /// <summary>The agent with <paramref name="id"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such agent; the message lists the known ids.</exception>
    public AgentDefinition this[string id] => Get(id);

    /// <summary>Where the value of <paramref name="field"/> of agent <paramref name="agentId"/> came from: <c>file:line</c> of
    /// the user file that last set it, else <see cref="BuiltInOrigin"/>.</summary>
    /// <param name="agentId">The agent id.</param>
    /// <param name="field">The field as the file names it (snake_case; <c>persona.role</c> for persona fields).</param>
    public string OriginOf(string agentId, string field)
    {
        ArgumentNullException.ThrowIfNull(agentId);
        ArgumentNullException.ThrowIfNull(field);
        return _origins.TryGetValue(agentId, out var fields) && fields.TryGetValue(field, out var origin) ? origin : BuiltInOrigin;
    }

    /// <summary>Loads the built-ins and merges the user file at <paramref name="userConfigPath"/>, if given.</summary>
    /// <exception cref="AgentConfigurationException">The file is missing, unreadable or invalid; the message names the file, agent and field.</exception>
    public static AgentCatalog Load(string? userConfigPath = null) =>
        userConfigPath is null ? BuiltIn : BuiltIn.WithOverridesFromFile(userConfigPath);

    /// <summary>Loads the built-ins and merges <c>&lt;directory&gt;/nexus.agents.yaml</c> (or <c>.yml</c>) when that file exists.</summary>
    /// <exception cref="AgentConfigurationException">The file exists but is invalid.</exception>
    public static AgentCatalog Discover(string directory) => Load(FindConfigFile(directory));

    /// <summary><c>&lt;directory&gt;/nexus.agents.yaml</c> (or <c>.yml</c>) when that file exists, else <see langword="null"/>.</summary>
    public static string? FindConfigFile(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        foreach (var name in new[] { DefaultConfigFileName, Path.ChangeExtension(DefaultConfigFileName, ".yml") })
        {
            var path = Path.Join(directory, name);
            if (File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }

    /// <summary>Returns a catalog with the YAML file at <paramref name="path"/> merged over this one.</summary>
    /// <exception cref="AgentConfigurationException">The file is missing, unreadable or invalid.</exception>
    public AgentCatalog WithOverridesFromFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string yaml;
        try
        {
            yaml = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new AgentConfigurationException(path, null, null, $"the file cannot be read ({ex.Message})", innerException: ex);
        }

        return WithOverrides(yaml, path);
    }

    /// <summary>Returns a catalog with <paramref name="yaml"/> merged over this one.</summary>
    /// <param name="yaml">The configuration text.</param>
    /// <param name="sourceName">Where it came from (a file path), used in error messages and <see cref="Sources"/>.</param>
    /// <exception cref="AgentConfigurationException">The YAML is invalid.</exception>
    public AgentCatalog WithOverrides(string yaml, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceName);
        var origins = _origins.ToDictionary(e => e.Key, e => new Dictionary<string, string>(e.Value, StringComparer.Ordinal), StringComparer.Ordinal);
        var agents = AgentConfigReader.Merge(Agents, yaml, sourceName, origins);
        var gates = AgentConfigReader.ReadGates(yaml, sourceName) is { } read ? (Gates ?? new Quality.GateConfiguration()).Merge(read) : Gates;
        return new AgentCatalog(agents, [.. Sources, sourceName], origins, gates);
    }

    /// <summary>The agent with <paramref name="id"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such agent; the message lists the known ids.</exception>
    public AgentDefinition Get(string id) =>
        TryGet(id, out var agent)
            ? agent
            : throw new KeyNotFoundException($"No agent '{id}'. Known agents: {string.Join(", ", Agents.Select(a => a.Id))}.");

    /// <summary>Looks an agent up by id.</summary>
    public bool TryGet(string id, [NotNullWhen(true)] out AgentDefinition? agent)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _byId.TryGetValue(id, out agent);
    }

    /// <summary>The system prompt of agent <paramref name="id"/>, describing this catalog's team.</summary>
    public string BuildSystemPrompt(string id) => SystemPromptBuilder.Build(Get(id), Agents);

    private static AgentCatalog LoadBuiltInCatalog()
    {
        var resources = new ResourceManager("Nexus.Agents.Roles.BuiltInAgents", typeof(AgentCatalog).Assembly);
        var yaml = resources.GetString("BuiltInAgents", CultureInfo.InvariantCulture)
            ?? throw new InvalidOperationException("The built-in agents resource is missing from the assembly.");
        var agents = AgentConfigReader.Merge([], yaml, BuiltInSource);
        var missing = AgentIds.BuiltIn.Where(id => agents.All(a => a.Id != id)).ToList();
        if (missing.Count > 0)
        {
            throw new AgentConfigurationException(BuiltInSource, missing[0], null, "a built-in agent is missing");
        }

        return new AgentCatalog(agents, [BuiltInSource], new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal));
    }
}

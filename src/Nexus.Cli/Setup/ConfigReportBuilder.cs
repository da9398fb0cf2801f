using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Nexus.Agents.Abstractions;
using Nexus.Agents.Quality;
using Nexus.Agents.Roles;
using Nexus.Cli.Commands;
using Nexus.Cli.Output;
using Nexus.Workflows.Hosting;
using Nexus.Workflows.Model;
using Nexus.Hosting;
using Nexus.Hosting.Memory;

namespace Nexus.Cli.Setup;

/// <summary>Builds what <c>nexus config</c> shows from the same options and agent catalog a run uses.</summary>
internal static class ConfigReportBuilder
{
    /// <summary>The agent fields shown, in the order of the configuration file.</summary>
    public static IReadOnlyList<string> Fields { get; } =
        ["backend", "model", "fallback_models", "timeout", "max_retries", "max_turns", "allowed_tools", "permission_mode", "pass_environment"];

    public static ConfigReport Build(ParseResult parseResult, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        ArgumentNullException.ThrowIfNull(environment);
        var options = CliRuntime.Options(parseResult, runWorker: false);
        var configuration = AgentConfiguration.Load(parseResult, options);
        var sandbox = NexusRuntime.CreateSandbox(options).Status;
        var dataSource = parseResult.GetValue(CliOptions.Data) is not null ? "--data"
            : !string.IsNullOrWhiteSpace(environment(NexusOptions.DataVariable)) ? $"${NexusOptions.DataVariable}"
            : "default";
        var store = options.ResolveStore() == NexusStoreKind.Postgres ? $"postgres (schema {options.Schema})" : $"sqlite {CliRuntime.DatabasePath(options)}";
        return new ConfigReport(
            configuration.File,
            configuration.ChosenBy,
            options.DataPath,
            dataSource,
            store,
            sandbox.Mode,
            sandbox.Description,
            [.. Providers.CredentialVariables.Select(name => new ConfigCredential(name, !string.IsNullOrWhiteSpace(environment(name))))],
            [.. configuration.Catalog.Agents.Select(agent => Agent(configuration.Catalog, agent))],
            Gates(configuration.Catalog.Gates, environment),
            new ConfigSetting(
                WorkflowOptions.MemoryOn(environment(WorkflowOptions.MemoryVariable)),
                !string.IsNullOrWhiteSpace(environment(WorkflowOptions.MemoryVariable)) ? $"${WorkflowOptions.MemoryVariable}" : AgentCatalog.BuiltInOrigin),
            MemoryStore(options),
            Performance(environment));
    }

    // The gates a new project gets: the variables over the file's gates: section over the defaults (as the runtime does).
    private static Dictionary<string, ConfigSetting> Gates(GateConfiguration? file, Func<string, string?> environment)
    {
        var gates = GateSettings.FromEnvironment(environment, file);
        string Source(string field, string variable) =>
            !string.IsNullOrWhiteSpace(environment(variable)) ? $"${variable}"
            : file?.Origins.TryGetValue(field, out var origin) == true ? origin!
            : AgentCatalog.BuiltInOrigin;
        return new Dictionary<string, ConfigSetting>(StringComparer.Ordinal)
        {
            ["qa"] = new(gates.Quality, Source("qa", GateSettings.GatesVariable)),
            ["security"] = new(gates.Security, Source("security", GateSettings.GatesVariable)),
            ["code_coverage_threshold"] = new(gates.MinLineCoverage, Source("code_coverage_threshold", GateSettings.MinCoverageVariable)),
            ["complexity_threshold"] = new(gates.MaxComplexity, Source("complexity_threshold", GateSettings.MaxComplexityVariable)),
        };
    }

    private static string MemoryStore(NexusOptions options)
    {
        // Only its description: nothing is opened (a PostgreSQL memory's data source connects on first use).
        var memory = ProjectMemories.For(options);
        if (memory is IAsyncDisposable disposable)
        {
            disposable.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        return memory.Description;
    }

    private static Dictionary<string, ConfigSetting> Performance(Func<string, string?> environment)
    {
        var limits = new PerformanceLimits();
        ConfigSetting Limit(double? value, string variable) =>
            new(value, !string.IsNullOrWhiteSpace(environment(variable)) ? $"${variable}" : AgentCatalog.BuiltInOrigin);
        return new Dictionary<string, ConfigSetting>(StringComparer.Ordinal)
        {
            ["max_test_run_memory_mb"] = Limit(limits.MaxTestRunMemoryMb, PerformanceLimits.MaxTestRunMemoryVariable),
            ["max_test_run_cpu_seconds"] = Limit(limits.MaxTestRunCpuSeconds, PerformanceLimits.MaxTestRunCpuVariable),
            ["max_test_run_seconds"] = Limit(limits.MaxTestRunSeconds, PerformanceLimits.MaxTestRunSecondsVariable),
            ["max_agent_turn_memory_mb"] = Limit(limits.MaxAgentTurnMemoryMb, PerformanceLimits.MaxAgentTurnMemoryVariable),
            ["max_agent_turn_cpu_seconds"] = Limit(limits.MaxAgentTurnCpuSeconds, PerformanceLimits.MaxAgentTurnCpuVariable),
            ["max_agent_turn_seconds"] = Limit(limits.MaxAgentTurnSeconds, PerformanceLimits.MaxAgentTurnSecondsVariable),
        };
    }

    private static ConfigAgent Agent(AgentCatalog catalog, AgentDefinition agent)
    {
        var settings = new Dictionary<string, ConfigSetting>(StringComparer.Ordinal);
        foreach (var field in Fields)
        {
            settings[field] = new ConfigSetting(Value(agent, field), catalog.OriginOf(agent.Id, field));
        }

        return new ConfigAgent(agent.Id, agent.Name, settings);
    }

    private static JsonNode? Value(AgentDefinition agent, string field) => field switch
    {
        "backend" => agent.Backend,
        "model" => agent.Model,
        "fallback_models" => List(agent.FallbackModels),
        "timeout" => Duration(agent.Timeout),
        "max_retries" => agent.MaxRetries,
        "max_turns" => agent.MaxTurns,
        "allowed_tools" => List(agent.AllowedTools),
        "permission_mode" => agent.PermissionMode,
        "pass_environment" => List(agent.PassEnvironment),
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "not an agent field"),
    };

    private static JsonArray List(IEnumerable<string> items) => [.. items.Select(item => (JsonNode?)JsonValue.Create(item))];

    /// <summary>A duration the way the file writes it: <c>90s</c>, <c>20m</c>, <c>1h30m</c>.</summary>
    public static string Duration(TimeSpan duration)
    {
        var text = new StringBuilder();
        if ((int)duration.TotalHours > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{(int)duration.TotalHours}h");
        }

        if (duration.Minutes > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{duration.Minutes}m");
        }

        if (duration.Seconds > 0 || text.Length == 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{duration.Seconds}s");
        }

        return text.ToString();
    }
}

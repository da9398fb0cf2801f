using System.CommandLine;
using Nexus.Agents.Roles;
using Nexus.Cli.Commands;
using Nexus.Workflows.Hosting;
using Nexus.Hosting;

namespace Nexus.Cli.Setup;

/// <summary>The agents a command line configures, the file they came from (if any) and how that file was chosen.</summary>
/// <param name="Catalog">The built-in agents with the file merged over them.</param>
/// <param name="File">The configuration file in use (full path), or <see langword="null"/>: the built-in agents only.</param>
/// <param name="ChosenBy">How the file was chosen: <c>--config</c>, <c>$NEXUS_CONFIG</c> or <c>the current directory</c>;
/// <c>none: built-in agents</c> without a file.</param>
internal sealed record AgentConfiguration(AgentCatalog Catalog, string? File, string ChosenBy)
{
    /// <summary>What is shown when there is no file.</summary>
    public const string NoFile = "none: built-in agents";

    /// <summary>Loads the agents of <paramref name="options"/> through the runtime's own path
    /// (<see cref="NexusRuntime.LoadAgents"/>), so what is shown is what runs.</summary>
    /// <exception cref="UsageException">The chosen file does not exist.</exception>
    /// <exception cref="AgentConfigurationException">The file is unreadable or invalid (names the file, agent, field and line).</exception>
    public static AgentConfiguration Load(ParseResult parseResult, NexusOptions options)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        return Load(options, parseResult.GetValue(CliOptions.Config) is not null);
    }

    /// <summary>As <see cref="Load(ParseResult, NexusOptions)"/>; <paramref name="fromFlag"/>: the file was given with <c>--config</c>.</summary>
    public static AgentConfiguration Load(NexusOptions options, bool fromFlag)
    {
        ArgumentNullException.ThrowIfNull(options);
        var file = options.ResolveAgentConfigPath();
        var chosenBy = fromFlag ? "--config"
            : options.AgentConfigPath is not null ? $"${NexusOptions.ConfigVariable}"
            : file is not null ? "the current directory"
            : NoFile;
        if (file is not null && !System.IO.File.Exists(file))
        {
            throw new UsageException($"{chosenBy}: the agent configuration file '{file}' does not exist");
        }

        return new AgentConfiguration(NexusRuntime.LoadAgents(options), file, chosenBy);
    }

    /// <summary>The file and how it was chosen, for one line: <c>/x/nexus.agents.yaml (the current directory)</c>.</summary>
    public string Describe() => File is null ? NoFile : $"{File} ({ChosenBy})";

    /// <summary>The distinct backends the agents use.</summary>
    public IReadOnlyCollection<string> Backends => [.. Catalog.Agents.Select(a => a.Backend).Distinct(StringComparer.Ordinal)];
}

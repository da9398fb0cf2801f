using Nexus.Durable.Storage;
using Nexus.Durable.Worker;

namespace Nexus.Workflows.Hosting;

/// <summary>Options of <see cref="NexusRuntime"/>, the composition root shared by the CLI and the host.</summary>
public sealed class NexusOptions
{
    /// <summary>The environment variable that names the data directory.</summary>
    public const string DataVariable = "NEXUS_DATA";

    /// <summary>Where the store, workspaces and scratchpads live. Default <c>NEXUS_DATA</c>, else <c>./.nexus</c>.</summary>
    public string DataDirectory { get; set; } = Environment.GetEnvironmentVariable(DataVariable) is { Length: > 0 } data ? data : ".nexus";

    /// <summary>Run a worker in this process. Default <see langword="true"/> (embedded mode).</summary>
    public bool RunWorker { get; set; } = true;

    /// <summary>Agent processes (turns) running at once per backend in this process. Default 4.</summary>
    public int MaxAgentTurnsPerBackend { get; set; } = 4;

    /// <summary>A user agent configuration file (YAML); default <c>nexus.agents.yaml</c> in the current directory when it exists.</summary>
    public string? AgentConfigPath { get; set; }

    /// <summary>Where replay scenarios live (one folder per scenario). Default: the <c>samples</c> folder shipped with NEXUS.</summary>
    public string? ScenariosDirectory { get; set; }

    /// <summary>Creates the store; default: SQLite at <c>{DataDirectory}/nexus.db</c>.</summary>
    public Func<NexusOptions, IDurableStore>? StoreFactory { get; set; }

    /// <summary>Changes worker options (concurrency, leases).</summary>
    public Action<DurableWorkerOptions>? ConfigureWorker { get; set; }

    /// <summary>Extra environment for the Claude Code CLI (for example <c>ANTHROPIC_BASE_URL</c> of a test server).</summary>
    public IDictionary<string, string?> ClaudeEnvironment { get; } = new Dictionary<string, string?>(StringComparer.Ordinal);

    /// <summary>The Claude Code executable; default: <c>NEXUS_CLAUDE_PATH</c>, <c>claude</c> on PATH, or the repository-local install.</summary>
    public string? ClaudeExecutable { get; set; }

    /// <summary>The clock. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>The full path of the data directory.</summary>
    public string DataPath => Path.GetFullPath(DataDirectory);

    /// <summary>Where a project's files live: <c>{data}/projects/{id}</c>.</summary>
    public string ProjectDirectory(string projectId) => Path.Combine(DataPath, "projects", projectId);

    /// <summary>A project's git workspace: <c>{data}/projects/{id}/workspace</c>.</summary>
    public string WorkspaceDirectory(string projectId) => Path.Combine(ProjectDirectory(projectId), "workspace");

    /// <summary>The replay scenarios folder actually used.</summary>
    public string ResolveScenariosDirectory() => ScenariosDirectory ?? ScenarioLocator.Find();
}

using Nexus.Durable.Storage;
using Nexus.Durable.Worker;

namespace Nexus.Workflows.Hosting;

/// <summary>Options of <see cref="NexusRuntime"/>, the composition root shared by the CLI and the host.</summary>
public sealed class NexusOptions
{
    /// <summary>The environment variable that names the data directory.</summary>
    public const string DataVariable = "NEXUS_DATA";

    /// <summary>The environment variable that selects the store (<c>sqlite</c> or <c>postgres</c>).</summary>
    public const string StoreVariable = "NEXUS_STORE";

    /// <summary>The environment variable with the PostgreSQL connection string.</summary>
    public const string ConnectionVariable = "NEXUS_CONNECTION";

    /// <summary>The environment variable with the PostgreSQL schema (task hub) name.</summary>
    public const string SchemaVariable = "NEXUS_SCHEMA";

    /// <summary>Where the store, workspaces and scratchpads live. Default <c>NEXUS_DATA</c>, else <c>./.nexus</c>.</summary>
    public string DataDirectory { get; set; } = Environment.GetEnvironmentVariable(DataVariable) is { Length: > 0 } data ? data : ".nexus";

    /// <summary>The store; <see langword="null"/> (default): <c>NEXUS_STORE</c>, else <see cref="NexusStoreKind.Sqlite"/>
    /// (see <see cref="ResolveStore"/>).</summary>
    public NexusStoreKind? Store { get; set; }

    /// <summary>The PostgreSQL connection string (required with <see cref="NexusStoreKind.Postgres"/>). Default <c>NEXUS_CONNECTION</c>.</summary>
    public string? Connection { get; set; } = Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } connection ? connection : null;

    /// <summary>The PostgreSQL schema that holds this task hub's tables (several hubs can share a database). Default
    /// <c>NEXUS_SCHEMA</c>, else <c>nexus</c>.</summary>
    public string Schema { get; set; } = Environment.GetEnvironmentVariable(SchemaVariable) is { Length: > 0 } schema ? schema : "nexus";

    /// <summary>The environment variable that chooses where the scratchpads' Markdown goes (<c>file</c> or <c>blob</c>).</summary>
    public const string ScratchpadsVariable = "NEXUS_SCRATCHPADS";

    /// <summary>The environment variable with the Azure Storage connection string of the blob scratchpads.</summary>
    public const string ScratchpadsConnectionVariable = "NEXUS_SCRATCHPADS_CONNECTION";

    /// <summary>Where each step's scratchpad entries are written as readable Markdown (what agents read and the API serves
    /// comes from the durable Scratchpads entity either way): <c>file</c> (default; <c>{data}/projects/{id}/*.md</c>) or
    /// <c>blob</c> (one blob per project and pad in the <c>scratchpads</c> container of <see cref="ScratchpadsConnection"/>,
    /// written with ETags). Default <c>NEXUS_SCRATCHPADS</c>, else <c>file</c>.</summary>
    public string Scratchpads { get; set; } = Environment.GetEnvironmentVariable(ScratchpadsVariable) is { Length: > 0 } pads ? pads : "file";

    /// <summary>The Azure Storage connection string for <c>blob</c> scratchpads (Azure or Azurite). Default
    /// <c>NEXUS_SCRATCHPADS_CONNECTION</c>. Never printed.</summary>
    public string? ScratchpadsConnection { get; set; } =
        Environment.GetEnvironmentVariable(ScratchpadsConnectionVariable) is { Length: > 0 } padsConnection ? padsConnection : null;

    /// <summary>Run a worker in this process. Default <see langword="true"/> (embedded mode).</summary>
    public bool RunWorker { get; set; } = true;

    /// <summary>Agent processes (turns) running at once per backend in this process. Default 4.</summary>
    public int MaxAgentTurnsPerBackend { get; set; } = 4;

    /// <summary>The environment variable that names the agent configuration file.</summary>
    public const string ConfigVariable = "NEXUS_CONFIG";

    /// <summary>A user agent configuration file (YAML) that must exist. Default <c>NEXUS_CONFIG</c>, else <see langword="null"/>:
    /// <c>nexus.agents.yaml</c> in the current directory when it exists (see <see cref="ResolveAgentConfigPath"/>).</summary>
    public string? AgentConfigPath { get; set; } = Environment.GetEnvironmentVariable(ConfigVariable) is { Length: > 0 } config ? config : null;

    /// <summary>Where replay scenarios live (one folder per scenario). Default: the <c>samples</c> folder shipped with NEXUS.</summary>
    public string? ScenariosDirectory { get; set; }

    /// <summary>Creates the store; default: SQLite at <c>{DataDirectory}/nexus.db</c>.</summary>
    public Func<NexusOptions, IDurableStore>? StoreFactory { get; set; }

    /// <summary>Changes worker options (concurrency, leases).</summary>
    public Action<DurableWorkerOptions>? ConfigureWorker { get; set; }

    /// <summary>Extra environment for the Claude Code CLI (for example <c>ANTHROPIC_BASE_URL</c> of a test server).</summary>
    public IDictionary<string, string?> ClaudeEnvironment { get; } = new Dictionary<string, string?>(StringComparer.Ordinal);

    /// <summary>Secrets besides the environment's (name → value): the redactor masks them in what is stored and served, and
    /// the commit scan refuses a step whose files hold them, reporting the name, never the value. The HTTP host adds its
    /// API keys here before the runtime starts. Default empty; the environment's secret variables are always included
    /// (see <see cref="Nexus.Agents.Security.SecretRedactor.FromEnvironment"/>).</summary>
    public IDictionary<string, string> SecretValues { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The Claude Code executable; default: <c>NEXUS_CLAUDE_PATH</c>, <c>claude</c> on PATH, or the repository-local install.</summary>
    public string? ClaudeExecutable { get; set; }

    /// <summary>The environment variable that turns the sandbox off (<c>1</c> or <c>true</c>): the operator's explicit opt-out.</summary>
    public const string UnsandboxedVariable = "NEXUS_UNSANDBOXED";

    /// <summary>The environment variable with extra folders agents may read in their sandbox (separated by <c>:</c>).</summary>
    public const string SandboxReadOnlyVariable = "NEXUS_SANDBOX_READONLY";

    /// <summary>
    /// Run agents and test runs without a sandbox. Default <c>NEXUS_UNSANDBOXED</c> (<c>1</c>/<c>true</c>), else
    /// <see langword="false"/>: they run in bubblewrap, and where no sandbox can start they are refused.
    /// </summary>
    public bool Unsandboxed { get; set; } = Environment.GetEnvironmentVariable(UnsandboxedVariable)?.Trim().ToUpperInvariant() is "1" or "TRUE" or "YES";

    /// <summary>Extra folders agents may read inside their sandbox (toolchains outside the standard places). Default: the
    /// folders named in <c>NEXUS_SANDBOX_READONLY</c>.</summary>
    public IList<string> SandboxReadOnlyPaths { get; } =
        [.. (Environment.GetEnvironmentVariable(SandboxReadOnlyVariable) ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    /// <summary>The clock. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Parses a store name (<c>sqlite</c>, <c>postgres</c>/<c>postgresql</c>, any case); <see langword="null"/> when
    /// empty; throws <see cref="ArgumentException"/> naming the choices when unknown.</summary>
    public static NexusStoreKind? ParseStore(string? name) => name?.Trim().ToUpperInvariant() switch
    {
        null or "" => null,
        "SQLITE" => NexusStoreKind.Sqlite,
        "POSTGRES" or "POSTGRESQL" or "PG" => NexusStoreKind.Postgres,
        _ => throw new ArgumentException($"unknown store '{name}': use sqlite or postgres", nameof(name)),
    };

    /// <summary>The store in use: <see cref="Store"/>, else <c>NEXUS_STORE</c>, else SQLite.</summary>
    /// <exception cref="ArgumentException"><c>NEXUS_STORE</c> names no store.</exception>
    public NexusStoreKind ResolveStore()
    {
        try
        {
            return Store ?? ParseStore(Environment.GetEnvironmentVariable(StoreVariable)) ?? NexusStoreKind.Sqlite;
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{StoreVariable}: {e.Message.Split(" (Parameter", 2)[0]}");
        }
    }

    /// <summary>Checks the store settings: PostgreSQL needs a connection string.</summary>
    /// <exception cref="ArgumentException">A setting is missing or invalid; the message says which and how to fix it.</exception>
    public void ValidateStore()
    {
        if (StoreFactory is null && ResolveStore() == NexusStoreKind.Postgres && string.IsNullOrWhiteSpace(Connection))
        {
            throw new ArgumentException(
                $"the postgres store needs a connection string: pass --connection \"Host=…;Username=…;Database=…\" or set {ConnectionVariable}");
        }
    }

    /// <summary>Checks the scratchpad settings: <c>file</c> or <c>blob</c>, and blob needs a connection string.</summary>
    /// <exception cref="ArgumentException">A setting is missing or invalid; the message says which and how to fix it.</exception>
    public void ValidateScratchpads()
    {
        if (!string.Equals(Scratchpads, "file", StringComparison.OrdinalIgnoreCase) && !string.Equals(Scratchpads, "blob", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"unknown scratchpads '{Scratchpads}': use file or blob");
        }

        if (UsesBlobScratchpads && string.IsNullOrWhiteSpace(ScratchpadsConnection))
        {
            throw new ArgumentException(
                $"blob scratchpads need an Azure Storage connection string: pass --scratchpads-connection \"…\" or set {ScratchpadsConnectionVariable}");
        }
    }

    /// <summary>Whether the scratchpads' Markdown goes to Azure blobs.</summary>
    public bool UsesBlobScratchpads => string.Equals(Scratchpads, "blob", StringComparison.OrdinalIgnoreCase);

    /// <summary>The full path of the data directory.</summary>
    public string DataPath => Path.GetFullPath(DataDirectory);

    /// <summary>Where a project's files live: <c>{data}/projects/{id}</c>.</summary>
    public string ProjectDirectory(string projectId) => Path.Combine(DataPath, "projects", projectId);

    /// <summary>A project's git workspace: <c>{data}/projects/{id}/workspace</c>.</summary>
    public string WorkspaceDirectory(string projectId) => Path.Combine(ProjectDirectory(projectId), "workspace");

    /// <summary>A project's agent home: <c>{data}/projects/{id}/home</c>, the <c>HOME</c> of its agents and test runs; it holds
    /// Claude Code's config folder (<see cref="AgentConfigDirectory"/>) and is deleted when the project is purged.</summary>
    public string AgentHomeDirectory(string projectId) => Path.Combine(ProjectDirectory(projectId), "home");

    /// <summary>A project's Claude Code config folder (<c>CLAUDE_CONFIG_DIR</c>, with the session transcripts):
    /// <c>{data}/projects/{id}/home/.claude</c>.</summary>
    public string AgentConfigDirectory(string projectId) => Path.Combine(AgentHomeDirectory(projectId), ".claude");

    /// <summary>Where a project records the processes its steps run: <c>{data}/projects/{id}/running</c>.</summary>
    public string ProcessRecordDirectory(string projectId) => Path.Combine(ProjectDirectory(projectId), "running");

    /// <summary>The agent configuration file in use, as a full path: <see cref="AgentConfigPath"/>, else <c>nexus.agents.yaml</c>
    /// (or <c>.yml</c>) in the current directory when it exists, else <see langword="null"/> (the built-in agents only).</summary>
    /// <remarks>The one place the file is chosen: the runtime (<see cref="NexusRuntime.LoadAgents"/>) and what describes the
    /// configuration (<c>nexus config</c>, <c>nexus doctor</c>, the start banner) all go through it.</remarks>
    public string? ResolveAgentConfigPath() =>
        AgentConfigPath is { } path
            ? Path.GetFullPath(path)
            : Nexus.Agents.Roles.AgentCatalog.FindConfigFile(Directory.GetCurrentDirectory()) is { } found ? Path.GetFullPath(found) : null;

    /// <summary>The replay scenarios folder actually used.</summary>
    public string ResolveScenariosDirectory() => ScenariosDirectory ?? ScenarioLocator.Find();
}

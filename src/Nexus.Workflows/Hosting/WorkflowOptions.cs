namespace Nexus.Workflows.Hosting;

/// <summary>What the project workflow needs to know wherever it runs: where projects live (data directory, workspaces,
/// agent homes), the agents' configuration, the sandbox, the secrets to keep out of what is stored and the clock. A host
/// adds its own settings on top (NEXUS's own host: <c>Nexus.Hosting.NexusOptions</c>, which adds the store).</summary>
public class WorkflowOptions
{
    /// <summary>The environment variable that names the data directory.</summary>
    public const string DataVariable = "NEXUS_DATA";

    /// <summary>Where the store, workspaces and scratchpads live. Default <c>NEXUS_DATA</c>, else <c>./.nexus</c>.</summary>
    public string DataDirectory { get; set; } = Environment.GetEnvironmentVariable(DataVariable) is { Length: > 0 } data ? data : ".nexus";

    /// <summary>Agent processes (turns) running at once per backend in this process. Default 4.</summary>
    public int MaxAgentTurnsPerBackend { get; set; } = 4;

    /// <summary>The environment variable that names the agent configuration file.</summary>
    public const string ConfigVariable = "NEXUS_CONFIG";

    /// <summary>A user agent configuration file (YAML) that must exist. Default <c>NEXUS_CONFIG</c>, else <see langword="null"/>:
    /// <c>nexus.agents.yaml</c> in the current directory when it exists (see <see cref="ResolveAgentConfigPath"/>).</summary>
    public string? AgentConfigPath { get; set; } = Environment.GetEnvironmentVariable(ConfigVariable) is { Length: > 0 } config ? config : null;

    /// <summary>Where replay scenarios live (one folder per scenario). Default: the <c>samples</c> folder shipped with NEXUS.</summary>
    public string? ScenariosDirectory { get; set; }

    /// <summary>Where the built-in project templates live. Default: <c>NEXUS_TEMPLATES</c>, else the <c>templates</c> folder
    /// shipped with NEXUS (see <see cref="Templates.TemplateLocator"/>).</summary>
    public string? TemplatesDirectory { get; set; }

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

    /// <summary>What confines the agents of a process with these options, as every start banner and start log says it:
    /// <c>bubblewrap</c>, or <c>NONE (--unsandboxed: …)</c> when the operator opted out (a process whose worker starts
    /// without the opt-out has bubblewrap, or refuses to start).</summary>
    public string SandboxMode => Unsandboxed ? "NONE (--unsandboxed: agents can read every file this user can)" : "bubblewrap";

    /// <summary>Extra folders agents may read inside their sandbox (toolchains outside the standard places). Default: the
    /// folders named in <c>NEXUS_SANDBOX_READONLY</c>.</summary>
    public IList<string> SandboxReadOnlyPaths { get; } =
        [.. (Environment.GetEnvironmentVariable(SandboxReadOnlyVariable) ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    /// <summary>The QA and Security gates a project gets when its request names none: both on, line coverage ≥ 80 %,
    /// complexity ≤ 10 per function. Default: from <c>NEXUS_GATES</c> (<c>off</c>, <c>qa</c>, <c>security</c>),
    /// <c>NEXUS_MIN_COVERAGE</c> and <c>NEXUS_MAX_COMPLEXITY</c> (see <see cref="Model.GateSettings.FromEnvironment"/>); a
    /// runtime whose configuration file has a <c>gates:</c> section starts from that section instead, the variables over it.</summary>
    public Model.GateSettings Gates { get; set; } = Model.GateSettings.FromEnvironment(Environment.GetEnvironmentVariable);

    /// <summary>The environment variable that turns the memory across projects off (<c>off</c>, <c>0</c>, <c>false</c>).</summary>
    public const string MemoryVariable = "NEXUS_MEMORY";

    /// <summary>The memory across projects: a finished project's lessons are stored, and Aria's and Prime's prompts get
    /// the most relevant ones of earlier projects. Default <see langword="true"/> unless <c>NEXUS_MEMORY</c> turns it off.
    /// Recorded in each project's request when it starts (<see cref="Model.ProjectRequest.Memory"/>).</summary>
    public bool Memory { get; set; } = MemoryOn(Environment.GetEnvironmentVariable(MemoryVariable));

    /// <summary>Whether a value of <c>NEXUS_MEMORY</c> leaves the memory on (anything but <c>off</c>, <c>0</c>, <c>false</c>, <c>no</c>).</summary>
    public static bool MemoryOn(string? value) => value?.Trim().ToUpperInvariant() is not ("OFF" or "0" or "FALSE" or "NO");

    /// <summary>The performance watch's thresholds (each off unless set). Default: from the environment (see
    /// <see cref="PerformanceLimits"/>).</summary>
    public PerformanceLimits Performance { get; } = new();

    /// <summary>The clock. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

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
    /// <remarks>The one place the file is chosen: the runtime (<c>NexusRuntime.LoadAgents</c>) and what describes the
    /// configuration (<c>nexus config</c>, <c>nexus doctor</c>, the start banner) all go through it.</remarks>
    public string? ResolveAgentConfigPath() =>
        AgentConfigPath is { } path
            ? Path.GetFullPath(path)
            : Nexus.Agents.Roles.AgentCatalog.FindConfigFile(Directory.GetCurrentDirectory()) is { } found ? Path.GetFullPath(found) : null;

    /// <summary>The replay scenarios folder actually used.</summary>
    public string ResolveScenariosDirectory() => ScenariosDirectory ?? ScenarioLocator.Find();

    /// <summary>The built-in templates folder actually used, or <see langword="null"/> when none was found.</summary>
    public string? ResolveTemplatesDirectory() => TemplatesDirectory ?? Templates.TemplateLocator.Find();

    /// <summary>The user's templates: the <c>templates</c> folder of the configuration folder — the folder of the agent
    /// configuration file in use (<see cref="ResolveAgentConfigPath"/>), else the current directory, where that file is
    /// looked for.</summary>
    public string UserTemplatesDirectory() =>
        Path.Combine(Path.GetDirectoryName(ResolveAgentConfigPath()) ?? Directory.GetCurrentDirectory(), "templates");
}

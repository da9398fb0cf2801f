namespace Nexus.Agents.Backends.Claude;

/// <summary>How <see cref="ClaudeCodeBackend"/> finds and runs the <c>claude</c> CLI.</summary>
/// <remarks>
/// The backend always sets <c>DISABLE_TELEMETRY=1</c>, <c>DISABLE_AUTOUPDATER=1</c>, <c>DISABLE_ERROR_REPORTING=1</c> and
/// <c>CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1</c>; <see cref="Environment"/> is applied after them and may override them.
/// </remarks>
public sealed class ClaudeCodeOptions
{
    /// <summary>The environment variable that names the <c>claude</c> executable (<c>NEXUS_CLAUDE_PATH</c>).</summary>
    public const string ExecutablePathVariable = "NEXUS_CLAUDE_PATH";

    /// <summary>Where <c>scripts/install-claude.sh</c> installs the CLI, relative to the repository root.</summary>
    public const string RepositoryLocalExecutable = ".tools/claude/node_modules/.bin/claude";

    /// <summary>
    /// The <c>claude</c> executable. Default <see langword="null"/>: the <c>NEXUS_CLAUDE_PATH</c> variable, else <c>claude</c>
    /// on <c>PATH</c>, else <see cref="RepositoryLocalExecutable"/> in the first parent folder (of the current directory or
    /// of the application) that has it.
    /// </summary>
    public string? ExecutablePath { get; set; }

    /// <summary>
    /// The CLI's own variables (its credential and settings, for example <c>ANTHROPIC_BASE_URL</c>, <c>ANTHROPIC_API_KEY</c>),
    /// added to the allow-listed basics; a <see langword="null"/> value removes a variable. Nothing else of this process's
    /// environment reaches the CLI. Default: none.
    /// </summary>
    public IDictionary<string, string?> Environment { get; } = new Dictionary<string, string?>(StringComparer.Ordinal);

    /// <summary>
    /// <c>CLAUDE_CONFIG_DIR</c>: where the CLI keeps its settings and sessions, to isolate NEXUS's agents from a user's own
    /// Claude Code state. Default <see langword="null"/>: the CLI's own default (<c>~/.claude</c>).
    /// </summary>
    public string? ConfigDirectory { get; set; }

    /// <summary>
    /// <c>CLAUDE_CODE_MAX_RETRIES</c>: how often the CLI itself retries a failed API call. Default <see langword="null"/>: the
    /// CLI's default. NEXUS retries whole turns itself, so a small number (0 or 1) keeps failures fast.
    /// </summary>
    public int? MaxApiRetries { get; set; }

    /// <summary><c>API_TIMEOUT_MS</c>: the CLI's limit for one API call. Default <see langword="null"/>: the CLI's default.</summary>
    public TimeSpan? ApiTimeout { get; set; }

    /// <summary>
    /// When the session to resume no longer exists ("No conversation found"), start a fresh session seeded with
    /// <see cref="Abstractions.AgentTurnRequest.SessionSeed"/> and the prompt instead of failing with
    /// <see cref="Abstractions.AgentErrorKind.SessionExpired"/>. Default <see langword="true"/>.
    /// </summary>
    public bool RestartExpiredSessions { get; set; } = true;

    /// <summary>How many times a reply that is not the structured output the schema asked for goes back to the same session
    /// (<c>--resume</c>) with the reason before the turn fails (0–5). Default 2, as the chat backends.</summary>
    public int ReplyCorrections { get; set; } = ReplyCorrection.DefaultLimit;

    /// <summary>Extra command-line arguments placed before the prompt (for example <c>--add-dir /data</c>). Default: none.</summary>
    public IList<string> AdditionalArguments { get; } = [];

    /// <summary>The name of Claude Code's sign-in file inside its config folder.</summary>
    public const string CredentialsFileName = ".credentials.json";

    /// <summary>
    /// The sign-in of a user who ran <c>claude login</c> (<c>~/.claude/.credentials.json</c>), copied into each project's
    /// config folder the first time an agent runs there. Default <see langword="null"/>: none (an API key is used).
    /// </summary>
    public string? CredentialsFile { get; set; }

    /// <summary>The most bytes of each of stdout and stderr kept in memory. Default 8 MiB.</summary>
    public int OutputLimitBytes { get; set; } = 8 << 20;

    /// <summary>Throws <see cref="ArgumentException"/> when a setting is out of range.</summary>
    public void Validate()
    {
        if (MaxApiRetries is < 0)
        {
            throw new ArgumentException($"{nameof(MaxApiRetries)} must not be negative.", nameof(MaxApiRetries));
        }

        if (ApiTimeout is { } timeout && timeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(ApiTimeout)} must be positive.", nameof(ApiTimeout));
        }

        if (OutputLimitBytes <= 0)
        {
            throw new ArgumentException($"{nameof(OutputLimitBytes)} must be positive.", nameof(OutputLimitBytes));
        }

        if (ExecutablePath is not null && string.IsNullOrWhiteSpace(ExecutablePath))
        {
            throw new ArgumentException($"{nameof(ExecutablePath)} must not be blank.", nameof(ExecutablePath));
        }

        if (ReplyCorrections is < 0 or > ReplyCorrection.MaxLimit)
        {
            throw new ArgumentException($"{nameof(ReplyCorrections)} must be between 0 and {ReplyCorrection.MaxLimit}.", nameof(ReplyCorrections));
        }
    }
}

using Nexus.Agents.Abstractions;

namespace Nexus.Agents.Backends.Claude;

/// <summary>The arguments and environment of one headless <c>claude -p</c> run (see the design note CLAUDE-CODE.md).</summary>
internal static class ClaudeCommandLine
{
    /// <summary>The permission mode used when an agent names none.</summary>
    public const string DefaultPermissionMode = "acceptEdits";

    /// <summary>The only mode that skips permission checks; used only when an agent is configured with it explicitly.</summary>
    public const string BypassPermissionMode = "bypassPermissions";

    /// <summary>Builds the arguments; the prompt goes last, after <c>--</c>, so a prompt that starts with a dash stays a prompt.</summary>
    public static IReadOnlyList<string> Arguments(ClaudeInvocation invocation, IEnumerable<string> additionalArguments)
    {
        var agent = invocation.Agent;
        var arguments = new List<string> { "-p", "--output-format" };
        if (invocation.Stream)
        {
            // stream-json requires --verbose; it prints one JSON object per line as the turn goes.
            arguments.Add("stream-json");
            arguments.Add("--verbose");
        }
        else
        {
            arguments.Add("json");
        }

        if (!string.IsNullOrWhiteSpace(invocation.SystemPrompt))
        {
            arguments.Add("--append-system-prompt");
            arguments.Add(invocation.SystemPrompt);
        }

        if (!string.IsNullOrWhiteSpace(invocation.Model))
        {
            arguments.Add("--model");
            arguments.Add(invocation.Model);
        }

        if (agent.MaxTurns > 0)
        {
            arguments.Add("--max-turns");
            arguments.Add(agent.MaxTurns.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        arguments.Add("--permission-mode");
        arguments.Add(PermissionMode(agent));

        if (invocation.ResumeSessionId is { } sessionId)
        {
            arguments.Add("--resume");
            arguments.Add(sessionId);
            if (invocation.Fork)
            {
                arguments.Add("--fork-session");
            }
        }

        if (!string.IsNullOrWhiteSpace(invocation.OutputSchema))
        {
            arguments.Add("--json-schema");
            arguments.Add(invocation.OutputSchema);
        }

        arguments.AddRange(additionalArguments);

        var tools = agent.AllowedTools.Where(tool => !string.IsNullOrWhiteSpace(tool)).ToList();
        if (tools.Count > 0)
        {
            // Variadic option: one argument per tool, so patterns such as "Bash(git commit:*)" are not split.
            arguments.Add("--allowedTools");
            arguments.AddRange(tools);
        }

        arguments.Add("--");
        arguments.Add(invocation.Prompt);
        return arguments;
    }

    /// <summary>
    /// The variables set for the CLI on top of the allow-listed basics (the process inherits nothing else): privacy
    /// switches, the options' settings, the options' own variables (the backend's credential), the agent's
    /// <see cref="AgentDefinition.PassEnvironment"/> variables, and <paramref name="configDirectory"/> as <c>CLAUDE_CONFIG_DIR</c>.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> Environment(ClaudeCodeOptions options, AgentDefinition agent, string? configDirectory = null)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["DISABLE_TELEMETRY"] = "1",
            ["DISABLE_AUTOUPDATER"] = "1",
            ["DISABLE_ERROR_REPORTING"] = "1",
            ["CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"] = "1",
        };

        if (options.ConfigDirectory is { } configured)
        {
            environment["CLAUDE_CONFIG_DIR"] = configured;
        }

        if (options.MaxApiRetries is { } retries)
        {
            environment["CLAUDE_CODE_MAX_RETRIES"] = retries.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (options.ApiTimeout is { } timeout)
        {
            environment["API_TIMEOUT_MS"] = ((long)Math.Ceiling(timeout.TotalMilliseconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (PermissionMode(agent) == BypassPermissionMode)
        {
            // The CLI refuses to bypass permissions as root unless told it runs in a sandbox.
            environment["IS_SANDBOX"] = "1";
        }

        foreach (var (name, value) in options.Environment)
        {
            environment[name] = value;
        }

        foreach (var name in agent.PassEnvironment)
        {
            if (System.Environment.GetEnvironmentVariable(name) is { } value)
            {
                environment[name] = value;
            }
        }

        if (configDirectory is not null)
        {
            environment["CLAUDE_CONFIG_DIR"] = configDirectory;
        }

        return environment;
    }

    /// <summary>The agent's permission mode, or <see cref="DefaultPermissionMode"/> when it names none.</summary>
    public static string PermissionMode(AgentDefinition agent) =>
        string.IsNullOrWhiteSpace(agent.PermissionMode) ? DefaultPermissionMode : agent.PermissionMode.Trim();
}

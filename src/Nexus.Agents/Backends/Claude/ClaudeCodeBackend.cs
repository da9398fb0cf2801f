using System.Collections;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Nexus.Agents.Abstractions;
using Nexus.Agents.Processes;
using Nexus.Agents.Security;

namespace Nexus.Agents.Backends.Claude;

/// <summary>Runs agent turns with the real Claude Code CLI in headless mode (<c>claude -p</c>).</summary>
/// <remarks>
/// <para>
/// Each turn is one <c>claude -p … --output-format json</c> process (<c>stream-json --verbose</c> when the request wants
/// progress) started in <see cref="AgentTurnRequest.WorkspacePath"/> with stdin closed. The persona is appended to Claude
/// Code's own system prompt; the agent's model, <c>--max-turns</c>, <c>--permission-mode</c> (default <c>acceptEdits</c>)
/// and <c>--allowedTools</c> come from its <see cref="AgentDefinition"/>. Permissions are bypassed only when the agent is
/// configured with <c>bypassPermissions</c>.
/// </para>
/// <para>
/// Sessions: a turn without <see cref="AgentTurnRequest.SessionId"/> starts one and returns its id; with it the turn runs
/// <c>--resume</c> (and <c>--fork-session</c> with <see cref="AgentTurnRequest.ForkSession"/>, so a retried turn gets a new
/// id carrying the recorded history). Sessions are scoped to the working directory, so always run an agent from the same
/// workspace. When the session no longer exists the backend starts a fresh one seeded with
/// <see cref="AgentTurnRequest.SessionSeed"/> and marks the result <see cref="AgentTurnResult.SessionRestarted"/> (unless
/// <see cref="ClaudeCodeOptions.RestartExpiredSessions"/> is off: then the turn fails with
/// <see cref="AgentErrorKind.SessionExpired"/>).
/// </para>
/// <para>
/// A reply that is not the structured output <see cref="AgentTurnRequest.OutputSchema"/> asked for goes back to the same
/// session (<c>--resume</c>) with the reason, up to <see cref="ClaudeCodeOptions.ReplyCorrections"/> times, before the turn
/// fails — the same loop and bound as the chat backends (<see cref="ReplyCorrection"/>).
/// </para>
/// <para>
/// Environment: the CLI starts from the allow-listed basics (<see cref="Sandboxing.AgentEnvironment"/>) plus its own
/// settings and credential (<see cref="ClaudeCodeOptions.Environment"/>) and <see cref="AgentTurnRequest.ConfigDirectory"/>
/// as <c>CLAUDE_CONFIG_DIR</c>; nothing else of this process's environment. With <see cref="AgentTurnRequest.Sandbox"/> it
/// runs inside the project's sandbox.
/// </para>
/// <para>
/// Outcomes are judged from the CLI's result object (<c>is_error</c>, <c>subtype</c>, <c>api_error_status</c>), never from
/// the exit code alone. The agent's <see cref="AgentDefinition.Timeout"/> and cancellation kill the whole process tree.
/// The tree's CPU time and peak memory are measured while it runs (<see cref="AgentTurnResult.Resources"/>).
/// Text, errors and progress are passed through the <see cref="SecretRedactor"/>.
/// </para>
/// </remarks>
public sealed partial class ClaudeCodeBackend : AgentBackend
{
    /// <summary>The backend's name, <c>claude</c>.</summary>
    public const string BackendName = "claude";

    private readonly ClaudeCodeOptions _options;
    private readonly IProcessRunner _processRunner;
    private readonly SecretRedactor _redactor;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    /// <summary>Creates the backend.</summary>
    /// <param name="options">Where the CLI is and how to run it (validated here). Default: <see cref="ClaudeCodeOptions"/>'s defaults.</param>
    /// <param name="processRunner">Runs the CLI. Default: a <see cref="ProcessRunner"/>.</param>
    /// <param name="redactor">Cleans text before it leaves the backend. Default: this process's secret variables and the secret-looking values of <see cref="ClaudeCodeOptions.Environment"/>, plus the well-known patterns.</param>
    /// <param name="timeProvider">Measures durations. Default: the system clock.</param>
    /// <param name="logger">Receives one line per turn (ids, outcome, no prompt text). Default: none.</param>
    public ClaudeCodeBackend(
        ClaudeCodeOptions? options = null,
        IProcessRunner? processRunner = null,
        SecretRedactor? redactor = null,
        TimeProvider? timeProvider = null,
        ILogger<ClaudeCodeBackend>? logger = null)
    {
        _options = options ?? new ClaudeCodeOptions();
        _options.Validate();
        _timeProvider = timeProvider ?? TimeProvider.System;
        _processRunner = processRunner ?? new ProcessRunner(_timeProvider);
        _redactor = redactor ?? DefaultRedactor(_options);
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <inheritdoc />
    public override string Name => BackendName;

    /// <inheritdoc />
    protected override async Task<AgentTurnResult> RunTurnCoreAsync(AgentTurnRequest request, string? model, CancellationToken cancellationToken)
    {
        var started = _timeProvider.GetTimestamp();
        var agent = request.Agent;
        var executable = ClaudeExecutable.Resolve(_options.ExecutablePath);
        if (executable is null)
        {
            return Failed(model, new AgentError(AgentErrorKind.NotConfigured, $"The Claude Code CLI ('claude') was not found. {ClaudeExecutable.InstallHint}"), started);
        }

        LogTurnStarting(agent.Id, request.StepKey, model, request.SessionId, request.ForkSession);
        var invocation = new ClaudeInvocation(
            agent,
            request.Prompt,
            PersonaPrompt.Build(agent),
            model,
            request.SessionId,
            request.SessionId is not null && request.ForkSession,
            request.Progress is not null,
            request.OutputSchema);
        var result = await RunOnceAsync(executable, invocation, request, cancellationToken);

        if (result.Error is { Kind: AgentErrorKind.SessionExpired } && request.SessionId is not null && _options.RestartExpiredSessions)
        {
            LogSessionExpired(agent.Id, request.StepKey, request.SessionId);
            Report(request, "The Claude Code session had expired; starting a fresh session seeded from the scratchpads", AgentProgressKind.Session);
            var fresh = invocation with { Prompt = SeededPrompt(request.SessionSeed, request.Prompt), ResumeSessionId = null, Fork = false };
            var expired = result.Resources;
            result = await RunOnceAsync(executable, fresh, request, cancellationToken);
            result = result with { SessionRestarted = true, Resources = ProcessResources.Combine(expired, result.Resources) };
        }

        result = await CorrectAsync(executable, invocation, request, result, cancellationToken);
        result = result with { Duration = _timeProvider.GetElapsedTime(started) };
        LogTurnFinished(agent.Id, request.StepKey, result.Succeeded, result.Error?.Kind, result.SessionId, result.Duration.TotalSeconds);
        return result;
    }

    /// <summary>Sends a reply that is not the structured output the schema asked for back to the same session, with the
    /// reason (<see cref="ReplyCorrection"/>), up to <see cref="ClaudeCodeOptions.ReplyCorrections"/> times.</summary>
    /// <remarks>Each correction is a <c>--resume</c> of the session the rejected reply came from (never a fork: the model
    /// sees its own answer and why it was refused). Usage and resources add up over the attempts.</remarks>
    private async Task<AgentTurnResult> CorrectAsync(
        string executable, ClaudeInvocation invocation, AgentTurnRequest request, AgentTurnResult result, CancellationToken cancellationToken)
    {
        for (var corrections = 0; ; corrections++)
        {
            if (!ReplyCorrection.CanCorrect(result) || corrections >= _options.ReplyCorrections || result.SessionId is null)
            {
                return ReplyCorrection.GaveUp(result, corrections);
            }

            var reason = result.Error!.Message;
            LogReplyRejected(request.Agent.Id, request.StepKey, result.SessionId, corrections + 1);
            Report(request, $"{Name}: reply rejected ({reason}); asking session {result.SessionId} to correct it", AgentProgressKind.Retry);
            var correction = invocation with { Prompt = ReplyCorrection.Message(reason), ResumeSessionId = result.SessionId, Fork = false };
            var next = await RunOnceAsync(executable, correction, request, cancellationToken);
            result = next with
            {
                Usage = result.Usage + next.Usage,
                Resources = ProcessResources.Combine(result.Resources, next.Resources),
                SessionId = next.SessionId ?? result.SessionId,
                SessionRestarted = result.SessionRestarted,
            };
        }
    }

    /// <summary>The prompt of a fresh session that replaces an expired one: the seed (what the agent knew), then the task.</summary>
    internal static string SeededPrompt(string? seed, string prompt) =>
        string.IsNullOrWhiteSpace(seed)
            ? prompt
            : $"""
              Your earlier session on this project has expired, so this is a fresh session. What happened so far:

              {seed.Trim()}

              ---

              {prompt}
              """;

    private async Task<AgentTurnResult> RunOnceAsync(string executable, ClaudeInvocation invocation, AgentTurnRequest request, CancellationToken cancellationToken)
    {
        var reader = new ClaudeOutputReader(request.Agent.Id, request.Progress, Redact, ex => LogProgressFailed(request.Agent.Id, ex), request.WorkspacePath);
        PrepareConfigDirectory(request.ConfigDirectory);
        var spec = new ProcessSpec
        {
            FileName = executable,
            Arguments = ClaudeCommandLine.Arguments(invocation, _options.AdditionalArguments),
            WorkingDirectory = request.WorkspacePath,
            Environment = ClaudeCommandLine.Environment(_options, request.Agent, request.ConfigDirectory),
            InheritEnvironment = false,
            Timeout = request.Agent.Timeout > TimeSpan.Zero ? request.Agent.Timeout : null,
            OutputLimitBytes = _options.OutputLimitBytes,
            OnStdoutLine = reader.OnLine,
            MeasureResources = true,
        };

        ProcessOutcome outcome;
        try
        {
            outcome = await _processRunner.RunAsync(request.Sandbox?.Apply(spec) ?? spec, cancellationToken);
        }
        catch (FileNotFoundException ex)
        {
            return Failed(invocation.Model, new AgentError(AgentErrorKind.NotConfigured, $"The Claude Code CLI could not be started ({Redact(ex.Message)}). {ClaudeExecutable.InstallHint}"));
        }
        catch (DirectoryNotFoundException ex)
        {
            return Failed(invocation.Model, new AgentError(AgentErrorKind.NotConfigured, $"The workspace does not exist: {Redact(ex.Message)}"));
        }

        reader.ReadWhole(outcome.Stdout);
        return Interpret(invocation, request.Agent, outcome, reader) with { Resources = outcome.Resources };
    }

    private AgentTurnResult Interpret(ClaudeInvocation invocation, AgentDefinition agent, ProcessOutcome outcome, ClaudeOutputReader reader)
    {
        var result = reader.Result;
        var sessionId = result?.SessionId ?? reader.SessionId;
        var model = result?.Model ?? reader.Model ?? invocation.Model;
        if (outcome.TimedOut)
        {
            var timeout = new AgentError(AgentErrorKind.Timeout, $"claude did not finish within {agent.Timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s; its process tree was killed.");
            return Failed(model, timeout) with { SessionId = sessionId };
        }

        if (result is null)
        {
            return Failed(model, ClaudeErrorClassifier.FromStartupFailure(outcome.ExitCode, outcome.Stderr, Redact)) with { SessionId = sessionId };
        }

        var error = ClaudeErrorClassifier.Classify(result, Redact);
        var structured = result.StructuredOutput;
        if (error is null && invocation.OutputSchema is not null && structured is null)
        {
            structured = TryParseJson(result.Text);
            if (structured is null)
            {
                error = new AgentError(AgentErrorKind.InvalidResponse, "The reply was not the structured output the schema asked for.");
            }
        }

        return new AgentTurnResult
        {
            Succeeded = error is null,
            Text = error is null ? Redact(result.Text) : string.Empty,
            SessionId = sessionId,
            Backend = BackendName,
            Model = model,
            Usage = new AgentUsage(result.InputTokens, result.OutputTokens, result.CostUsd),
            PermissionDenials = result.PermissionDenials,
            StructuredOutput = structured,
            Error = error,
        };
    }

    private AgentTurnResult Failed(string? model, AgentError error, long? started = null) => new()
    {
        Succeeded = false,
        Backend = BackendName,
        Model = model,
        Error = error,
        Duration = started is { } timestamp ? _timeProvider.GetElapsedTime(timestamp) : TimeSpan.Zero,
    };

    private static JsonElement? TryParseJson(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private void Report(AgentTurnRequest request, string message, AgentProgressKind kind)
    {
        try
        {
            request.Progress?.Report(new AgentProgress(request.Agent.Id, message, Kind: kind));
        }
        catch (Exception ex)
        {
            LogProgressFailed(request.Agent.Id, ex);
        }
    }

    private string Redact(string? text) => _redactor.Redact(text);

    /// <summary>Creates the project's config folder and, for a user signed in with <c>claude login</c>, copies that sign-in
    /// (<see cref="ClaudeCodeOptions.CredentialsFile"/>, the CLI's own credential) into it, readable only by its owner.</summary>
    private void PrepareConfigDirectory(string? configDirectory)
    {
        if (configDirectory is null)
        {
            return;
        }

        Directory.CreateDirectory(configDirectory);
        var target = Path.Combine(configDirectory, ClaudeCodeOptions.CredentialsFileName);
        if (_options.CredentialsFile is { } source && File.Exists(source) && !File.Exists(target))
        {
            File.Copy(source, target);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
    }

    private static SecretRedactor DefaultRedactor(ClaudeCodeOptions options)
    {
        var values = new List<string>();
        foreach (DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string name && entry.Value is string value && SecretRedactor.IsSecretVariableName(name) &&
                value.Length >= SecretRedactor.MinimumEnvironmentValueLength)
            {
                values.Add(value);
            }
        }

        values.AddRange(options.Environment
            .Where(pair => pair.Value is { Length: >= SecretRedactor.MinimumEnvironmentValueLength } && SecretRedactor.IsSecretVariableName(pair.Key))
            .Select(pair => pair.Value!));
        return new SecretRedactor(values);
    }
}

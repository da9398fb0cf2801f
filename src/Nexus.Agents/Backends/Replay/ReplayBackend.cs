using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Nexus.Agents.Abstractions;
using Nexus.Agents.Security;
using Nexus.Agents.Workspaces;

namespace Nexus.Agents.Backends.Replay;

/// <summary>Plays recorded agent turns from files: offline demos and deterministic end-to-end tests, no model and no network.</summary>
/// <remarks>
/// <para>
/// It marks itself unmistakably: <see cref="AgentTurnResult.Backend"/> is <c>replay</c>, <see cref="AgentTurnResult.Model"/>
/// is <c>replay:&lt;scenario&gt;</c> (whatever model was asked for), and the text starts with <see cref="TextPrefix"/>.
/// Recorded edits are applied with <see cref="FileEditApplier"/>, so they obey the same confinement as a live model's.
/// </para>
/// <para>
/// Which turn is played must not depend on how often a step was attempted, because the durable workflow runs an
/// interrupted step again and the same step must get the same recorded turn. So the turn comes from the request:
/// </para>
/// <list type="number">
/// <item><see cref="AgentTurnRequest.TurnNumber"/> when set (preferred): the workflow numbers each agent's turns from
/// its own deterministic state, so turn N is <c>&lt;agentId&gt;/NNN.json</c> in every attempt and in every process.</item>
/// <item>Otherwise a per-agent memo of <see cref="AgentTurnRequest.StepKey"/>s: the first unseen step key of an agent gets
/// its next turn number and a repeated step key gets the same turn again. This is replay-safe within one backend
/// instance only (a new process starts counting again), which is why callers should set <c>TurnNumber</c>.</item>
/// </list>
/// </remarks>
public sealed class ReplayBackend : AgentBackend
{
    /// <summary>The backend name.</summary>
    public const string BackendName = "replay";

    /// <summary>What every replayed text starts with.</summary>
    public const string TextPrefix = "[replay] ";

    private static readonly JsonSerializerOptions FileJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private readonly ReplayBackendOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly SecretRedactor _redactor;
    private readonly Dictionary<string, Dictionary<string, int>> _turnsByStep = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Creates a replay backend for one scenario.</summary>
    /// <param name="options">The scenario folder and delay.</param>
    /// <param name="timeProvider">The clock of the turn delay; default <see cref="TimeProvider.System"/>.</param>
    /// <param name="redactor">Masks secrets in the replayed text; default: patterns only.</param>
    public ReplayBackend(ReplayBackendOptions options, TimeProvider? timeProvider = null, SecretRedactor? redactor = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ScenarioDirectory);
        if (options.TurnDelay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "The turn delay must not be negative.");
        }

        _options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _redactor = redactor ?? SecretRedactor.PatternsOnly;
        ScenarioDirectory = Path.GetFullPath(options.ScenarioDirectory);
        ScenarioName = string.IsNullOrWhiteSpace(options.ScenarioName)
            ? Path.GetFileName(Path.TrimEndingDirectorySeparator(ScenarioDirectory))
            : options.ScenarioName;
    }

    /// <inheritdoc />
    public override string Name => BackendName;

    /// <summary>The scenario folder (absolute).</summary>
    public string ScenarioDirectory { get; }

    /// <summary>The scenario's name.</summary>
    public string ScenarioName { get; }

    /// <summary>The model every replayed result reports: <c>replay:&lt;scenario&gt;</c>.</summary>
    public string ModelLabel => $"replay:{ScenarioName}";

    /// <summary>The file name of turn <paramref name="turnNumber"/> (<c>001.json</c>).</summary>
    public static string TurnFileName(int turnNumber) => string.Create(CultureInfo.InvariantCulture, $"{turnNumber:000}.json");

    /// <inheritdoc />
    protected override async Task<AgentTurnResult> RunTurnCoreAsync(AgentTurnRequest request, string? model, CancellationToken cancellationToken)
    {
        var started = _timeProvider.GetTimestamp();
        var agentId = request.Agent.Id;
        var turnNumber = request.TurnNumber ?? TurnForStep(agentId, request.StepKey);
        if (turnNumber < 1)
        {
            return Failure(new AgentError(AgentErrorKind.NotConfigured, $"Turn numbers start at 1; the request asked for turn {turnNumber}."), started);
        }

        var agentFolder = Path.Join(ScenarioDirectory, agentId);
        var path = FindTurnFile(agentFolder, turnNumber);
        if (path is null)
        {
            return Failure(new AgentError(
                AgentErrorKind.NotConfigured,
                $"Replay scenario '{ScenarioName}' has no turn {turnNumber} for agent '{agentId}' (looked for {Path.Join(agentFolder, TurnFileName(turnNumber))})."), started);
        }

        ReplayTurn turn;
        try
        {
            turn = JsonSerializer.Deserialize<ReplayTurn>(await File.ReadAllTextAsync(path, cancellationToken), FileJson)
                ?? throw new JsonException("the file holds null");
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            return Failure(new AgentError(AgentErrorKind.NotConfigured, $"Replay turn file '{path}' cannot be read: {_redactor.Redact(ex.Message)}"), started);
        }

        request.Progress?.Report(new AgentProgress(agentId, $"replay: playing {ScenarioName}/{agentId}/{Path.GetFileName(path)}"));
        var delay = turn.DelayMs is { } ms ? TimeSpan.FromMilliseconds(Math.Max(0, ms)) : _options.TurnDelay;
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, _timeProvider, cancellationToken);
        }

        var usage = turn.Usage is { } recorded ? new AgentUsage(recorded.InputTokens, recorded.OutputTokens, recorded.CostUsd) : AgentUsage.None;
        if (turn.Error is { } error)
        {
            return Failure(new AgentError(error.Kind, TextPrefix + _redactor.Redact(error.Message)) { StatusCode = error.StatusCode }, started) with { Usage = usage };
        }

        IReadOnlyList<string> changed;
        try
        {
            changed = new FileEditApplier(request.WorkspacePath, AgentWritePolicy.For(request.Agent)).Apply(
                turn.Edits.Select(e => new FileEdit(e.Path, e.Delete ? null : e.Content ?? string.Empty, e.Delete)).ToArray(),
                cancellationToken);
        }
        catch (FileEditRejectedException ex)
        {
            return Failure(new AgentError(AgentErrorKind.InvalidResponse, $"{ex.Message} (replay file '{path}')"), started) with { Usage = usage };
        }
        catch (DirectoryNotFoundException ex)
        {
            return Failure(new AgentError(AgentErrorKind.NotConfigured, ex.Message), started);
        }

        return new AgentTurnResult
        {
            Succeeded = true,
            Backend = BackendName,
            Model = ModelLabel,
            Text = TextPrefix + _redactor.Redact(turn.Summary),
            SessionId = turn.SessionId,
            Usage = usage,
            ChangedFiles = changed,
            StructuredOutput = turn.Structured is { ValueKind: not (JsonValueKind.Undefined or JsonValueKind.Null) } structured ? structured : null,
            Duration = _timeProvider.GetElapsedTime(started),
        };
    }

    private int TurnForStep(string agentId, string stepKey)
    {
        lock (_gate)
        {
            if (!_turnsByStep.TryGetValue(agentId, out var steps))
            {
                steps = new Dictionary<string, int>(StringComparer.Ordinal);
                _turnsByStep[agentId] = steps;
            }

            if (!steps.TryGetValue(stepKey, out var turn))
            {
                turn = steps.Count + 1;
                steps[stepKey] = turn;
            }

            return turn;
        }
    }

    private static string? FindTurnFile(string agentFolder, int turnNumber)
    {
        var exact = Path.Join(agentFolder, TurnFileName(turnNumber));
        if (File.Exists(exact))
        {
            return exact;
        }

        if (!Directory.Exists(agentFolder))
        {
            return null;
        }

        var prefix = turnNumber.ToString("000", CultureInfo.InvariantCulture) + "-";
        return Directory.EnumerateFiles(agentFolder, prefix + "*.json").Order(StringComparer.Ordinal).FirstOrDefault();
    }

    private AgentTurnResult Failure(AgentError error, long started) => new()
    {
        Succeeded = false,
        Backend = BackendName,
        Model = ModelLabel,
        Error = error,
        Duration = _timeProvider.GetElapsedTime(started),
    };
}

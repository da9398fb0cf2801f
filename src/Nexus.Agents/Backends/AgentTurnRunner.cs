using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Nexus.Agents.Abstractions;
using Nexus.Agents.Processes;
using Nexus.Agents.Security;
using Polly;
using Polly.Retry;
using Nexus.Agents.Telemetry;

namespace Nexus.Agents.Backends;

/// <summary>
/// Runs one agent turn the way its <see cref="AgentDefinition"/> says: on its backend, within its time limit, with
/// retries of transient failures and a chain of fallback models.
/// </summary>
/// <remarks>
/// <para>
/// The models tried are <see cref="AgentDefinition.Model"/> (<see langword="null"/> = the backend's default) then each of
/// <see cref="AgentDefinition.FallbackModels"/>, in order, without repeats. For each model:
/// </para>
/// <list type="bullet">
/// <item>a transient failure (<see cref="AgentError.IsTransient"/>: 429, 5xx, 529, connection failures, timeouts) is retried
/// up to <see cref="AgentDefinition.MaxRetries"/> times with exponential backoff (Polly, delays on the injected
/// <see cref="TimeProvider"/>); when it keeps failing, the next model is tried;</item>
/// <item><see cref="AgentErrorKind.ModelNotFound"/> moves to the next model at once;</item>
/// <item>every other failure — <see cref="AgentErrorKind.Authentication"/> above all, also <see cref="AgentErrorKind.NotConfigured"/>,
/// <see cref="AgentErrorKind.InvalidResponse"/>, <see cref="AgentErrorKind.SessionExpired"/>, <see cref="AgentErrorKind.MaxTurns"/>,
/// <see cref="AgentErrorKind.Budget"/> — stops at once: another model would fail the same way or the caller must decide.</item>
/// </list>
/// <para>
/// Each attempt is limited to <see cref="AgentDefinition.Timeout"/>; an attempt that exceeds it counts as a transient
/// <see cref="AgentErrorKind.Timeout"/>. The result is the first success or the last failure, with the usage of every
/// attempt added up (so is their process trees' CPU time; the peak memory is the largest) and the wall time of the whole
/// run. Like a backend, the runner does not throw for model failures; it
/// throws <see cref="OperationCanceledException"/> when <c>cancellationToken</c> fires.
/// </para>
/// </remarks>
public sealed partial class AgentTurnRunner
{
    private readonly AgentBackendRegistry _backends;
    private readonly AgentTurnRunnerOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly SecretRedactor _redactor;
    private readonly ILogger _logger;

    /// <summary>Creates a runner.</summary>
    /// <param name="backends">The backends, resolved by <see cref="AgentDefinition.Backend"/>.</param>
    /// <param name="options">Backoff settings; default <see cref="AgentTurnRunnerOptions"/>.</param>
    /// <param name="timeProvider">The clock of retry delays and turn time limits; default <see cref="TimeProvider.System"/>.</param>
    /// <param name="redactor">Masks secrets in errors of misbehaving backends; default: secret-looking environment variables.</param>
    /// <param name="logger">Receives retries and fallbacks.</param>
    public AgentTurnRunner(
        AgentBackendRegistry backends,
        AgentTurnRunnerOptions? options = null,
        TimeProvider? timeProvider = null,
        SecretRedactor? redactor = null,
        ILogger<AgentTurnRunner>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(backends);
        _backends = backends;
        _options = options ?? new AgentTurnRunnerOptions();
        _timeProvider = timeProvider ?? TimeProvider.System;
        _redactor = redactor ?? SecretRedactor.FromEnvironment();
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>The models tried for <paramref name="agent"/>, in order: its model (<see langword="null"/> = the backend's default), then its fallbacks.</summary>
    public static IReadOnlyList<string?> ModelChain(AgentDefinition agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var chain = new List<string?> { string.IsNullOrWhiteSpace(agent.Model) ? null : agent.Model };
        foreach (var model in agent.FallbackModels)
        {
            if (!string.IsNullOrWhiteSpace(model) && !chain.Contains(model, StringComparer.Ordinal))
            {
                chain.Add(model);
            }
        }

        return chain;
    }

    /// <summary>Runs the turn; see the class remarks for retries, fallbacks and the error contract.</summary>
    public async Task<AgentTurnResult> RunAsync(AgentTurnRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var span = NexusTelemetry.Source.StartActivity("nexus.agent_turn");
        span?.SetTag("nexus.agent", request.Agent.Id);
        var result = await RunTurnAsync(request, cancellationToken).ConfigureAwait(false);
        var tags = new TagList { { "agent", request.Agent.Id }, { "backend", result.Backend } };
        NexusTelemetry.AgentTurns.Add(1, [.. tags, new("outcome", result.Succeeded ? "ok" : result.Error?.Kind.ToString() ?? "failed")]);
        NexusTelemetry.AgentTurnDuration.Record(result.Duration.TotalSeconds, tags);
        NexusTelemetry.RecordResources(
            NexusTelemetry.AgentTurnCpu, NexusTelemetry.AgentTurnPeakMemory, result.Resources?.CpuSeconds, result.Resources?.PeakMemoryMb, tags, span, "nexus");
        NexusTelemetry.Tokens.Add(result.Usage.TotalTokens, tags);
        NexusTelemetry.CostUsd.Add((double)result.Usage.CostUsd, tags);
        span?.SetTag("nexus.backend", result.Backend);
        span?.SetTag("nexus.model", result.Model);
        span?.SetTag("nexus.tokens", result.Usage.TotalTokens);
        span?.SetTag("nexus.cost_usd", (double)result.Usage.CostUsd);
        span?.SetStatus(result.Succeeded ? ActivityStatusCode.Ok : ActivityStatusCode.Error, result.Error?.Kind.ToString());
        return result;
    }

    private async Task<AgentTurnResult> RunTurnAsync(AgentTurnRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var agent = request.Agent;
        var started = _timeProvider.GetTimestamp();
        if (!_backends.TryGet(agent.Backend, out var backend))
        {
            return new AgentTurnResult
            {
                Succeeded = false,
                Backend = agent.Backend,
                Model = agent.Model,
                Error = new AgentError(AgentErrorKind.NotConfigured, $"Agent '{agent.Id}' uses backend '{agent.Backend}', which is not registered. Registered: {string.Join(", ", _backends.Names)}."),
            };
        }

        var failedAttemptsUsage = new UsageTally();
        var pipeline = BuildPipeline(request, backend, failedAttemptsUsage);
        var chain = ModelChain(agent);
        AgentTurnResult? last = null;
        for (var index = 0; index < chain.Count; index++)
        {
            var model = chain[index];
            if (last is not null)
            {
                LogFallingBack(agent.Id, backend.Name, last.Model, model, last.Error?.Kind);
                request.Progress?.Report(new AgentProgress(agent.Id, $"{backend.Name}: model {Display(last.Model)} failed ({last.Error?.Kind}); falling back to {Display(model)}{Reason(last.Error)}", Kind: AgentProgressKind.Retry));
            }

            var result = await pipeline.ExecuteAsync(
                static (state, token) => state.Runner.RunAttemptAsync(state.Request, state.Backend, state.Model, token),
                (Runner: this, Request: request, Backend: backend, Model: model),
                cancellationToken);
            var total = failedAttemptsUsage.Total + (last?.Usage ?? AgentUsage.None) + result.Usage;
            var resources = ProcessResources.Combine(ProcessResources.Combine(failedAttemptsUsage.Resources, last?.Resources), result.Resources);
            last = result with { Usage = total, Resources = resources, Duration = _timeProvider.GetElapsedTime(started) };
            failedAttemptsUsage.Reset();
            if (result.Succeeded || !ShouldFallBack(result.Error))
            {
                return last;
            }
        }

        return last!;
    }

    private static bool ShouldFallBack(AgentError? error) => error is not null && (error.Kind == AgentErrorKind.ModelNotFound || error.IsTransient);

    private static string Display(string? model) => model ?? "(backend default)";

    /// <summary>Why an attempt failed, for a progress note: the error's first line, shortened (backends redact their errors).</summary>
    private static string Reason(AgentError? error)
    {
        var line = error?.Message.Split('\n', 2)[0].Trim();
        return string.IsNullOrEmpty(line) ? string.Empty : $" — {(line.Length > 200 ? line[..200] + "…" : line)}";
    }

    private ResiliencePipeline<AgentTurnResult> BuildPipeline(AgentTurnRequest request, AgentBackend backend, UsageTally failedAttemptsUsage)
    {
        var builder = new ResiliencePipelineBuilder<AgentTurnResult> { TimeProvider = _timeProvider };
        if (request.Agent.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<AgentTurnResult>
            {
                MaxRetryAttempts = request.Agent.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                Delay = _options.RetryBaseDelay,
                MaxDelay = _options.RetryMaxDelay,
                UseJitter = _options.UseJitter,
                ShouldHandle = static args => ValueTask.FromResult(args.Outcome.Result is { Succeeded: false, Error.IsTransient: true }),
                OnRetry = args =>
                {
                    var failed = args.Outcome.Result!;
                    failedAttemptsUsage.Add(failed.Usage, failed.Resources);
                    LogRetrying(request.Agent.Id, backend.Name, failed.Model, failed.Error?.Kind, failed.Error?.StatusCode, args.AttemptNumber + 1, request.Agent.MaxRetries, args.RetryDelay.TotalMilliseconds);
                    request.Progress?.Report(new AgentProgress(
                        request.Agent.Id,
                        $"{backend.Name}: {failed.Error?.Kind} from model {Display(failed.Model)}; retry {args.AttemptNumber + 1} of {request.Agent.MaxRetries} in {args.RetryDelay.TotalSeconds:0.#}s{Reason(failed.Error)}",
                        Kind: AgentProgressKind.Retry));
                    return ValueTask.CompletedTask;
                },
            });
        }

        return builder.Build();
    }

    private async ValueTask<AgentTurnResult> RunAttemptAsync(AgentTurnRequest request, AgentBackend backend, string? model, CancellationToken cancellationToken)
    {
        var started = _timeProvider.GetTimestamp();
        using var timeout = new CancellationTokenSource(request.Agent.Timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return await backend.RunTurnAsync(request, model, linked.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return Failure(backend, model, new AgentError(AgentErrorKind.Timeout, $"The turn of agent '{request.Agent.Id}' exceeded its time limit of {request.Agent.Timeout}."), started);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A backend must not throw for failures; one that does is treated as an unclassified failure, not a crash.
            var message = _redactor.Redact(ex.Message);
            LogBackendThrew(request.Agent.Id, backend.Name, ex.GetType().Name, message);
            return Failure(backend, model, new AgentError(AgentErrorKind.Unknown, $"Backend '{backend.Name}' failed: {message}"), started);
        }
    }

    private AgentTurnResult Failure(AgentBackend backend, string? model, AgentError error, long started) =>
        new() { Succeeded = false, Backend = backend.Name, Model = model, Error = error, Duration = _timeProvider.GetElapsedTime(started) };

    /// <summary>Adds up the usage and the process resources of attempts that were retried (their results are not returned).</summary>
    private sealed class UsageTally
    {
        public AgentUsage Total { get; private set; } = AgentUsage.None;

        public ProcessResources? Resources { get; private set; }

        public void Add(AgentUsage usage, ProcessResources? resources)
        {
            Total += usage;
            Resources = ProcessResources.Combine(Resources, resources);
        }

        public void Reset()
        {
            Total = AgentUsage.None;
            Resources = null;
        }
    }
}

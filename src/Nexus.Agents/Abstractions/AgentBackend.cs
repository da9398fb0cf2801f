namespace Nexus.Agents.Abstractions;

/// <summary>The base of every agent backend (Claude Code CLI, OpenAI-compatible chat, Anthropic, replay).</summary>
/// <remarks>
/// <c>RunTurnAsync</c> never throws for failures of the model or the agent process: they come back as an
/// unsuccessful <see cref="AgentTurnResult"/> with a classified <see cref="AgentError"/>. It throws only for programming
/// errors (null arguments) and <see cref="OperationCanceledException"/> when the cancellation token fires;
/// in that case any process the turn started has been killed (the whole process tree).
/// </remarks>
public abstract class AgentBackend
{
    /// <summary>The backend's name as it appears in results and configuration (<c>claude</c>, <c>openai</c>, …).</summary>
    public abstract string Name { get; }

    /// <summary>Runs one turn.</summary>
    public Task<AgentTurnResult> RunTurnAsync(AgentTurnRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        return RunTurnCoreAsync(request, request.Agent.Model, cancellationToken);
    }

    /// <summary>Runs one turn with a specific model (used by the fallback chain).</summary>
    public Task<AgentTurnResult> RunTurnAsync(AgentTurnRequest request, string? model, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        return RunTurnCoreAsync(request, model, cancellationToken);
    }

    /// <summary>Runs one turn with <paramref name="model"/>; see the class remarks for the error contract.</summary>
    protected abstract Task<AgentTurnResult> RunTurnCoreAsync(AgentTurnRequest request, string? model, CancellationToken cancellationToken);
}

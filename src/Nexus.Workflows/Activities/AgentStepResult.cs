using System.Text.Json;
using Nexus.Agents.Abstractions;
using Nexus.Workflows.Entities;

namespace Nexus.Workflows.Activities;

/// <summary>What an agent step produced. Recorded once; never produced again.</summary>
public sealed record AgentStepResult
{
    /// <summary>Whether the agent finished its turn.</summary>
    public required bool Succeeded { get; init; }

    /// <summary>The agent's summary (redacted).</summary>
    public string Text { get; init; } = string.Empty;

    /// <summary>The session to resume next time.</summary>
    public string? SessionId { get; init; }

    /// <summary>The backend that answered.</summary>
    public string Backend { get; init; } = string.Empty;

    /// <summary>The model that answered.</summary>
    public string? Model { get; init; }

    /// <summary>Input tokens.</summary>
    public long InputTokens { get; init; }

    /// <summary>Output tokens.</summary>
    public long OutputTokens { get; init; }

    /// <summary>Cost in USD.</summary>
    public decimal CostUsd { get; init; }

    /// <summary>Wall time of the turn, seconds.</summary>
    public double DurationSeconds { get; init; }

    /// <summary>CPU seconds (user + system) of the turn's process tree (the Claude Code CLI and what it started);
    /// <see langword="null"/> where there is none to measure (HTTP and replayed backends) and in results recorded before
    /// turns were measured.</summary>
    public double? CpuSeconds { get; init; }

    /// <summary>Peak resident memory of the turn's process tree, MiB; <see langword="null"/> as for <see cref="CpuSeconds"/>.</summary>
    public double? PeakMemoryMb { get; init; }

    /// <summary>The commit the step made, if any.</summary>
    public string? Commit { get; init; }

    /// <summary>The commit message.</summary>
    public string? CommitMessage { get; init; }

    /// <summary>Files the step changed.</summary>
    public IReadOnlyList<string> ChangedFiles { get; init; } = [];

    /// <summary>The structured reply (Prime).</summary>
    public JsonElement? Structured { get; init; }

    /// <summary>The error class when it failed.</summary>
    public string? ErrorKind { get; init; }

    /// <summary>The error message when it failed.</summary>
    public string? Error { get; init; }

    /// <summary>The scratchpad entries the step wrote (the orchestration stores them durably before the next step).</summary>
    public IReadOnlyList<ScratchpadWrite> Scratchpads { get; init; } = [];

    /// <summary>Tools the agent was refused.</summary>
    public IReadOnlyList<string> PermissionDenials { get; init; } = [];

    /// <summary>What confined the step's processes (<c>bubblewrap</c>, or <c>none (--unsandboxed)</c>); <see langword="null"/>
    /// in results recorded before sandboxes existed.</summary>
    public string? Sandbox { get; init; }

    /// <summary>Set when the model was unavailable and the step's result was made without it (Aria's plan from the project's
    /// template): why. <see langword="null"/> for a turn the agent took.</summary>
    public string? Fallback { get; init; }

    /// <summary>The performance limits this turn went beyond (the orchestration raises them).</summary>
    public IReadOnlyList<Model.ProjectAlert> Alerts { get; init; } = [];

    /// <summary>The earlier projects whose lessons the prompt got from the memory across projects (Aria and Prime; empty
    /// otherwise, and in results recorded before the memory existed).</summary>
    public IReadOnlyList<string> Recalled { get; init; } = [];

    /// <summary>What <paramref name="turn"/> produced, as a step's result (without what the step adds: commit, scratchpads,
    /// sandbox, alerts).</summary>
    internal static AgentStepResult FromTurn(AgentTurnResult turn) => new()
    {
        Succeeded = turn.Succeeded,
        Text = turn.Text,
        SessionId = turn.SessionId,
        Backend = turn.Backend,
        Model = turn.Model,
        InputTokens = turn.Usage.InputTokens,
        OutputTokens = turn.Usage.OutputTokens,
        CostUsd = turn.Usage.CostUsd,
        DurationSeconds = turn.Duration.TotalSeconds,
        CpuSeconds = turn.Resources?.CpuSeconds,
        PeakMemoryMb = turn.Resources?.PeakMemoryMb,
        Structured = turn.StructuredOutput,
        ErrorKind = turn.Error?.Kind.ToString(),
        Error = turn.Error?.Message,
        PermissionDenials = [.. turn.PermissionDenials.Select(d => d.ToolName)],
    };
}

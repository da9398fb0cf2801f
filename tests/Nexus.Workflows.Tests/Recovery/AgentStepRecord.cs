using System.Text.Json;
using Nexus.Durable.History;
using Nexus.Durable.Serialization;
using Nexus.Workflows.Activities;

namespace Nexus.Workflows.Tests.Recovery;

/// <summary>One agent step as the history recorded it: the scheduled input and, once it finished, the recorded result.</summary>
internal sealed record AgentStepRecord(AgentStepInput Input, AgentStepResult? Result)
{
    private const string ActivityName = "RunAgentStep";

    /// <summary>Every RunAgentStep the history scheduled, in order, with its result when there is one.</summary>
    public static IReadOnlyList<AgentStepRecord> From(IReadOnlyList<HistoryEvent> history)
    {
        var options = JsonDataConverter.Default.Options;
        var results = history.Where(e => e.Kind == EventKind.TaskCompleted).ToDictionary(e => e.TaskId); // a task completes once
        return [.. history
            .Where(e => e.Kind == EventKind.TaskScheduled && e.Name == ActivityName)
            .Select(e => new AgentStepRecord(
                JsonSerializer.Deserialize<AgentStepInput>(e.Data!, options)!,
                results.TryGetValue(e.TaskId, out var done) ? JsonSerializer.Deserialize<AgentStepResult>(done.Data!, options) : null))];
    }

    public override string ToString() =>
        $"{Input.AgentId} {Input.StepKey} from {Input.StartCommit[..Math.Min(7, Input.StartCommit.Length)]} session {Input.SessionId ?? "-"} → " +
        (Result is null ? "(no result)" : $"{(Result.Succeeded ? "ok" : "failed")} commit {Result.Commit ?? "-"} session {Result.SessionId ?? "-"}");
}

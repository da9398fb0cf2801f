using Microsoft.DurableTask;
using Nexus.Workflows.Hosting;
using Nexus.Workflows.Memory;

namespace Nexus.Workflows.Activities;

/// <summary>Stores what a finished project learned in the memory across projects (<see cref="IProjectMemory"/>): the plan
/// (the workspace's PLAN.md, else Aria's last summary) and the lessons the orchestration gathered, all redacted.</summary>
/// <remarks>Idempotent per project: the memory replaces what the project stored before, so a step that runs again (a worker
/// died before its result was recorded, or a retried project ends again) leaves one set of entries. A host without a
/// memory (the Function App without a shared PostgreSQL store) stores nothing and says so in the result; it never fails
/// the project.</remarks>
public sealed class RecordMemoryActivity(WorkflowServices services, CancellationToken cancellation) : TaskActivity<MemoryInput, MemoryOutcome>
{
    /// <summary>The registered name.</summary>
    public const string Name = "RecordMemory";

    /// <summary>The most characters of the plan kept.</summary>
    public const int MaxPlanLength = 4000;

    /// <inheritdoc/>
    public override async Task<MemoryOutcome> RunAsync(TaskActivityContext context, MemoryInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (services.Memory is not { } memory)
        {
            return new MemoryOutcome(0, "no memory across projects is configured in this host: nothing was stored");
        }

        var redactor = services.Redactor;
        var created = services.Time.GetUtcNow();
        var entries = new List<MemoryEntry>();
        if (await PlanAsync(input).ConfigureAwait(false) is { Length: > 0 } plan)
        {
            entries.Add(new MemoryEntry(input.ProjectId, MemoryKinds.Plan, $"Plan: {MemoryText.FirstLine(input.Description, 120)}", plan, created));
        }

        entries.AddRange(input.Entries.Select(e => e with { ProjectId = input.ProjectId, Created = created }));
        var stored = entries.Select(e => e with { Title = redactor.Redact(e.Title), Text = redactor.Redact(e.Text) }).ToList();
        var turns = input.Conversation.Select(t => t with { ProjectId = input.ProjectId, Summary = redactor.Redact(t.Summary) }).ToList();
        var count = await memory.RememberAsync(input.ProjectId, stored, turns, cancellation).ConfigureAwait(false);
        return new MemoryOutcome(count, $"{count} entries and {turns.Count} conversation lines stored in {memory.Description}");
    }

    private async Task<string?> PlanAsync(MemoryInput input)
    {
        var path = Path.Combine(services.Options.WorkspaceDirectory(input.ProjectId), "PLAN.md");
        var plan = File.Exists(path) ? await File.ReadAllTextAsync(path, cancellation).ConfigureAwait(false) : input.PlanSummary;
        return string.IsNullOrWhiteSpace(plan) ? null : MemoryText.Clip(plan.Trim(), MaxPlanLength);
    }
}

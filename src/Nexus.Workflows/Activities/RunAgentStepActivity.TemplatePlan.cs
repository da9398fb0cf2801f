using System.Globalization;
using Nexus.Agents.Abstractions;
using Nexus.Agents.Workspaces;
using Nexus.Workflows.Model;

namespace Nexus.Workflows.Activities;

/// <summary>Aria's plan from the project's template when the planner model is unavailable.</summary>
public sealed partial class RunAgentStepActivity
{
    /// <summary>The <see cref="AgentStepResult.Backend"/> of a plan taken from the template.</summary>
    public const string TemplateBackend = "template";

    /// <summary>The failures that mean the planner model is unavailable (after the runner's retries and fallback models):
    /// transient errors that outlasted the retries (429, 5xx, 529, refused connections), time-outs, and a backend that is not
    /// configured or whose program is missing. A refused credential, a malformed reply or a spent budget is not
    /// "unavailable": the project fails with it as before.</summary>
    public static bool IsUnavailable(AgentErrorKind kind) => kind is AgentErrorKind.Transient or AgentErrorKind.Timeout or AgentErrorKind.NotConfigured;

    private static bool TemplatePlanApplies(AgentStepInput input, AgentTurnResult result) =>
        input is { AgentId: "aria", Phase: ProjectPhases.Plan, Commit: true, Request.ResolvedTemplate.PlanSkeleton.Length: > 0 }
        && result.Error is { } error && IsUnavailable(error.Kind);

    // PLAN.md is the template's skeleton under a note that says why; the scratchpads Aria writes say the same, so Code
    // knows the plan is generic. The step commits as Aria (it is the plan step), and the result says it was a fallback.
    private async Task<AgentStepResult> TemplatePlanAsync(
        AgentStepInput input, AgentDefinition agent, GitWorkspace workspace, AgentTurnResult failed, CancellationToken ct)
    {
        var template = input.Request.ResolvedTemplate!;
        var why = services.Redactor.Redact(string.Create(
            CultureInfo.InvariantCulture,
            $"the planner model was unavailable ({failed.Backend}: {failed.Error!.Kind}: {FirstLine(failed.Error.Message)}); the plan is the {template.Name} template's skeleton"));
        var note = $"> **Plan from the template `{template.Name}`**: {why}. Fill in the details from the project description.\n\n";
        var plan = note + template.PlanSkeleton.Trim() + "\n";
        new FileEditApplier(workspace.Directory).Apply([FileEdit.Write("PLAN.md", plan)], ct);
        var text = $"{note}{template.PlanSkeleton.Trim()}\n";
        var writes = await WriteScratchpadsAsync(input, agent, text, ["PLAN.md"], ct).ConfigureAwait(false);
        var message = $"{agent.Name}: {input.Phase} (iteration {input.Iteration})\n\nPlan from the template {template.Name}: the planner model was unavailable";
        var commit = await workspace.CommitAllAsync(agent.Name, agent.Email, message, allowEmpty: true, cancellationToken: ct).ConfigureAwait(false);
        return new AgentStepResult
        {
            Succeeded = true,
            Text = text,
            Backend = TemplateBackend,
            InputTokens = failed.Usage.InputTokens,
            OutputTokens = failed.Usage.OutputTokens,
            CostUsd = failed.Usage.CostUsd,
            DurationSeconds = failed.Duration.TotalSeconds,
            CpuSeconds = failed.Resources?.CpuSeconds,
            PeakMemoryMb = failed.Resources?.PeakMemoryMb,
            Commit = commit!.CommitId,
            CommitMessage = message,
            ChangedFiles = commit.ChangedFiles,
            Scratchpads = writes,
            Fallback = why,
        };
    }
}

using System.Text;
using Nexus.Agents.Scratchpads;
using Nexus.Workflows.Model;

namespace Nexus.Workflows.Activities;

/// <summary>Builds an agent's prompt from its instruction and the handoff scratchpads it reads, and the content it writes back.</summary>
internal static class StepPrompts
{
    /// <summary>Which pads each agent reads before its turn.</summary>
    public static IReadOnlyList<string> ReadsFor(string agentId) => agentId switch
    {
        "aria" => [ScratchpadNames.SharedContext, ScratchpadNames.BetaToAria, ScratchpadNames.OrchestratorFeedback],
        "code" => [ScratchpadNames.SharedContext, ScratchpadNames.AriaToCode, ScratchpadNames.BetaToAria, ScratchpadNames.OrchestratorFeedback],
        "alpha" => [ScratchpadNames.SharedContext, ScratchpadNames.CodeToAlpha, ScratchpadNames.OrchestratorFeedback],
        "beta" => [ScratchpadNames.SharedContext, ScratchpadNames.AlphaToBeta, ScratchpadNames.CodeToAlpha],
        _ => [ScratchpadNames.SharedContext, ScratchpadNames.AriaToCode, ScratchpadNames.CodeToAlpha, ScratchpadNames.AlphaToBeta, ScratchpadNames.BetaToAria],
    };

    /// <summary>Which pads each agent's result is written to.</summary>
    public static IReadOnlyList<string> WritesFor(string agentId) => agentId switch
    {
        "aria" => [ScratchpadNames.SharedContext, ScratchpadNames.AriaToCode],
        "code" => [ScratchpadNames.CodeToAlpha],
        "alpha" => [ScratchpadNames.AlphaToBeta],
        "beta" => [ScratchpadNames.BetaToAria],
        _ => [ScratchpadNames.OrchestratorFeedback],
    };

    public static string Brief(ProjectRequest request)
    {
        var brief = new StringBuilder();
        brief.Append("## Project\n\n").Append(request.Description.Trim()).Append('\n');
        Section(brief, "Requirements", request.Requirements);
        Section(brief, "Technology", request.Technology);
        Section(brief, "Constraints", request.Constraints);
        return brief.ToString();
    }

    public static string Build(AgentStepInput input, IReadOnlyList<Scratchpad> pads, string? lessons = null)
    {
        var prompt = new StringBuilder();
        prompt.Append("# NEXUS step: ").Append(input.Phase).Append(" (iteration ").Append(input.Iteration).Append(")\n\n");
        prompt.Append(Brief(input.Request)).Append('\n');
        foreach (var pad in pads)
        {
            prompt.Append("## Scratchpad `").Append(pad.Name).Append("`\n\n").Append(pad.Markdown.Trim()).Append("\n\n");
        }

        if (lessons is { Length: > 0 })
        {
            prompt.Append(lessons.Trim()).Append("\n\n");
        }

        if (input.Attachment is { Length: > 0 } attachment)
        {
            prompt.Append(attachment.Trim()).Append("\n\n");
        }

        if (input.AgentId == "aria" && input.Request.ResolvedTemplate is { PlanSkeleton.Length: > 0 } template)
        {
            prompt.Append(TemplateSection(template)).Append('\n');
        }

        prompt.Append("## Your task\n\n").Append(input.Instruction.Trim()).Append('\n');
        prompt.Append("\nWork only inside the current directory (the project's git workspace). Do not run git commands; NEXUS commits for you. ")
            .Append("End with a short summary of what you did.\n");
        return prompt.ToString();
    }

    public static string PadContent(string pad, AgentStepInput input, string text, IReadOnlyList<string> changedFiles)
    {
        var content = new StringBuilder();
        if (pad == ScratchpadNames.SharedContext)
        {
            content.Append(Brief(input.Request)).Append("\n## Plan and acceptance criteria (Aria)\n\n");
        }

        content.Append(text.Trim()).Append('\n');
        if (changedFiles.Count > 0)
        {
            content.Append("\n**Files changed:** ").Append(string.Join(", ", changedFiles.Select(f => $"`{f}`"))).Append('\n');
        }

        if (input.Attachment is { Length: > 0 } attachment && pad is ScratchpadNames.BetaToAria or ScratchpadNames.OrchestratorFeedback)
        {
            content.Append('\n').Append(attachment.Trim()).Append('\n');
        }

        return content.ToString();
    }

    /// <summary>The template's part of Aria's prompt: its plan skeleton, scaffold and tools.</summary>
    public static string TemplateSection(ProjectTemplate template)
    {
        var text = new StringBuilder();
        text.Append("## Project template `").Append(template.Name).Append("`\n\n").Append(template.Description.Trim()).Append('\n');
        if (template.Scaffold.Count > 0)
        {
            text.Append("\nThe workspace starts from its scaffold: ").Append(string.Join(", ", template.Scaffold.Select(f => $"`{f.Path}`"))).Append(".\n");
        }

        if (template.TestCommand is { } command)
        {
            text.Append("Tests run with `").Append(command).Append("`.\n");
        }

        if (template.QaTools.Count + template.SecurityTools.Count > 0)
        {
            text.Append("QA tools: ").Append(string.Join(", ", template.QaTools)).Append(". Security tools: ").Append(string.Join(", ", template.SecurityTools)).Append(".\n");
        }

        text.Append("\nFill in this plan skeleton for the project (keep its sections):\n\n").Append(template.PlanSkeleton.Trim()).Append('\n');
        return text.ToString();
    }

    private static void Section(StringBuilder brief, string title, string? text)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            brief.Append("\n### ").Append(title).Append("\n\n").Append(text.Trim()).Append('\n');
        }
    }
}

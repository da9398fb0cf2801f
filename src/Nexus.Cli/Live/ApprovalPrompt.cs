using Nexus.Agents.Scratchpads;
using Nexus.Cli.Output;
using Nexus.Cli.Projects;
using Nexus.Workflows.Model;
using Nexus.Hosting;

namespace Nexus.Cli.Live;

/// <summary>At the plan-approval gate, on an interactive terminal: shows Aria's plan and asks to approve, reject with
/// feedback, or decide later (with <c>nexus approve ID</c> from anywhere).</summary>
internal sealed class ApprovalPrompt(IProjectService projects, ConsoleLineReader input, TextWriter output)
{
    private const int PlanLines = 40;

    /// <summary>Asks and sends the decision; returns <see langword="false"/> when the person chose to decide later.</summary>
    public async Task<bool> AskAsync(ProjectView view, CancellationToken cancellationToken = default)
    {
        await ShowPlanAsync(view.Id, cancellationToken);

        // The decision answers the gate whose plan was shown, however long the person takes.
        var gate = view.Status?.ApprovalGate;
        while (true)
        {
            await output.WriteAsync($"Approve the plan of {view.Id}? [y]es, [n]o with feedback, [l]ater (nexus approve {view.Id}{projects.SameTarget}): ");
            var answer = (await input.ReadLineAsync(cancellationToken))?.Trim().ToLowerInvariant();
            switch (answer)
            {
                case "y" or "yes":
                    await projects.ApproveAsync(view.Id, new ApprovalDecision(true) { Gate = gate }, cancellationToken);
                    await output.WriteLineAsync("plan approved");
                    return true;
                case "n" or "no":
                    await output.WriteAsync("What should Aria change? ");
                    var feedback = (await input.ReadLineAsync(cancellationToken))?.Trim();
                    await projects.ApproveAsync(view.Id, new ApprovalDecision(false, string.IsNullOrEmpty(feedback) ? null : feedback) { Gate = gate }, cancellationToken);
                    await output.WriteLineAsync("plan rejected; Aria plans again");
                    return true;
                case null or "l" or "later":
                    await output.WriteLineAsync($"the project waits at the gate; decide with: nexus approve {view.Id}{projects.SameTarget} [--reject --feedback \"...\"]");
                    return false;
                default:
                    continue;
            }
        }
    }

    private async Task ShowPlanAsync(string projectId, CancellationToken cancellationToken)
    {
        var pads = await projects.GetScratchpadsAsync(projectId, cancellationToken);
        if (pads.FirstOrDefault(p => p.Name == ScratchpadNames.AriaToCode) is not { } plan)
        {
            return;
        }

        // The entry markers are for the store, not for people.
        var lines = plan.Markdown.Split('\n').Where(l => !l.StartsWith("<!-- nexus:", StringComparison.Ordinal)).ToArray();
        await output.WriteLineAsync();
        await output.WriteLineAsync($"── Aria's plan ({ScratchpadNames.AriaToCode}) ──");
        foreach (var line in lines.Take(PlanLines))
        {
            await output.WriteLineAsync(TerminalText.EscapeLine(line.TrimEnd('\r')));
        }

        if (lines.Length > PlanLines)
        {
            await output.WriteLineAsync($"… {lines.Length - PlanLines} more lines");
        }

        await output.WriteLineAsync();
    }
}

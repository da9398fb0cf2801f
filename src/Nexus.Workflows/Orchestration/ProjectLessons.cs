using System.Globalization;
using Nexus.Workflows.Activities;
using Nexus.Workflows.Memory;
using Nexus.Workflows.Model;

namespace Nexus.Workflows.Orchestration;

/// <summary>What a project learns, gathered as its steps' results are recorded (or taken from the journal in a retry):
/// Prime's decisions with their reasons, each failing test with the change that fixed it, the last gate reports and the
/// agents' turns — the input of <see cref="RecordMemoryActivity"/> when the project ends.</summary>
/// <remarks>Deterministic: built only from recorded results, in the order the workflow asks for them; bounded, because
/// it becomes an activity input in the history.</remarks>
internal sealed class ProjectLessons
{
    private const int MaxEntries = 40;
    private const int MaxConversation = 200;
    private const int MaxSummary = 240;

    private readonly List<MemoryEntry> _decisions = [];
    private readonly List<MemoryEntry> _fixes = [];
    private readonly List<ConversationTurn> _conversation = [];
    private readonly List<string> _commitsSinceTests = [];
    private readonly Dictionary<string, string> _failing = new(StringComparer.Ordinal);
    private TestRunOutcome? _lastTests;
    private string? _plan;

    /// <summary>An agent step's result.</summary>
    public void Agent(string agent, int turn, string instruction, AgentStepResult result)
    {
        if (agent == "aria" && !string.IsNullOrWhiteSpace(result.Text))
        {
            _plan = result.Text;
        }

        if (result.Commit is { } commit)
        {
            var files = result.ChangedFiles.Count == 0 ? string.Empty : $" (files: {string.Join(", ", result.ChangedFiles.Take(8))})";
            _commitsSinceTests.Add($"{commit[..Math.Min(7, commit.Length)]} {MemoryText.FirstLine(result.CommitMessage, 120)}{files}");
        }

        if (_conversation.Count + 2 <= MaxConversation)
        {
            _conversation.Add(new ConversationTurn(string.Empty, agent, turn, "user", MemoryText.Clip(instruction, MaxSummary)));
            _conversation.Add(new ConversationTurn(string.Empty, agent, turn, "assistant", MemoryText.Clip(result.Text, MaxSummary)));
        }
    }

    /// <summary>A test run: tests that failed before and pass now were fixed by the commits since the run before.</summary>
    public void Tests(TestRunOutcome outcome)
    {
        var failingNow = outcome.Summary.FailingTests.ToHashSet(StringComparer.Ordinal);
        foreach (var (test, failure) in _failing.Where(f => !failingNow.Contains(f.Key)).ToList())
        {
            _failing.Remove(test);
            if (_fixes.Count < MaxEntries)
            {
                var change = _commitsSinceTests.Count == 0 ? "no commit (the next run passed)" : string.Join("; ", _commitsSinceTests);
                _fixes.Add(Entry(MemoryKinds.Fix, $"Fixed test: {MemoryText.Clip(test, 160)}", $"Failed with: {failure}\nFixed by: {change}"));
            }
        }

        foreach (var test in failingNow.Where(t => !_failing.ContainsKey(t)))
        {
            _failing[test] = MemoryText.Clip(outcome.Failures.FirstOrDefault(f => f.Contains(test, StringComparison.Ordinal)) ?? "(no message)", 400);
        }

        _commitsSinceTests.Clear();
        _lastTests = outcome;
    }

    /// <summary>Prime's decision in <paramref name="iteration"/>.</summary>
    public void Decided(int iteration, Decision decision)
    {
        if (_decisions.Count < MaxEntries)
        {
            var feedback = decision.Feedback is { } f ? $"\nFeedback: {MemoryText.Clip(f, 400)}" : string.Empty;
            _decisions.Add(Entry(
                MemoryKinds.Decision,
                string.Create(CultureInfo.InvariantCulture, $"Prime, iteration {iteration}: {decision.Route}"),
                MemoryText.Clip(decision.Reason, 400) + feedback));
        }
    }

    /// <summary>The activity's input for a project that ended (<paramref name="completed"/> or not) with <paramref name="reason"/>.</summary>
    public MemoryInput ToInput(string projectId, ProjectRequest request, bool completed, string reason, int iterations)
    {
        var topic = MemoryText.FirstLine(request.Description, 120);
        var tests = _lastTests?.Summary is { } s ? string.Create(CultureInfo.InvariantCulture, $" Last test run: {s.Passed} passed, {s.Failed} failed.") : string.Empty;
        var entries = new List<MemoryEntry>
        {
            Entry(
                MemoryKinds.Outcome,
                $"{(completed ? "Completed" : "Failed")}: {topic}",
                string.Create(CultureInfo.InvariantCulture, $"{MemoryText.Clip(reason, 600)} ({iterations} iteration(s)).{tests}")),
        };
        entries.AddRange(_decisions);
        entries.AddRange(_fixes);
        if (_lastTests?.Quality is { } quality)
        {
            entries.Add(Entry(MemoryKinds.Quality, $"QA gate {(quality.Passed ? "passed" : "failed")}: {topic}", MemoryText.Clip(quality.ToMarkdown(), 1500)));
        }

        if (_lastTests?.Security is { } security)
        {
            entries.Add(Entry(MemoryKinds.Security, $"Security gate {(security.Passed ? "passed" : "failed")}: {topic}", MemoryText.Clip(security.ToMarkdown(), 1500)));
        }

        return new MemoryInput
        {
            ProjectId = projectId,
            Description = request.Description,
            PlanSummary = _plan is null ? null : MemoryText.Clip(_plan, RecordMemoryActivity.MaxPlanLength),
            Entries = entries,
            Conversation = [.. _conversation],
        };
    }

    // The project id and the time are the activity's to set (one set per project, stamped when stored).
    private static MemoryEntry Entry(string kind, string title, string text) => new(string.Empty, kind, title, text, DateTimeOffset.UnixEpoch);
}

using System.Globalization;
using Microsoft.DurableTask;
using Nexus.Workflows.Activities;
using Nexus.Workflows.Entities;
using Nexus.Workflows.Model;

namespace Nexus.Workflows.Orchestration;

/// <summary>The orchestration's working state: rebuilt identically on every replay, published as the custom status.</summary>
internal sealed class ProjectRun(TaskOrchestrationContext context, ProjectRequest request)
{
    private static readonly Dictionary<string, double> PhaseProgress = new(StringComparer.Ordinal)
    {
        [ProjectPhases.Plan] = 0.05,
        [ProjectPhases.Approval] = 0.1,
        [ProjectPhases.Implement] = 0.2,
        [ProjectPhases.WriteTests] = 0.4,
        [ProjectPhases.Validate] = 0.6,
        [ProjectPhases.Review] = 0.8,
        [ProjectPhases.Done] = 1.0,
    };

    private readonly Dictionary<string, string> _sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _turns = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AgentState> _agents = ProjectOrchestration.TeamOrder.ToDictionary(a => a, _ => new AgentState("idle", 0), StringComparer.Ordinal);
    private readonly List<CommitRecord> _commits = [];
    private readonly List<PhaseSpan> _timeline = [];
    private readonly List<ProjectAlert> _alerts = [];
    private int _testRuns;
    private bool _retryMarked;

    public TaskOrchestrationContext Context { get; } = context;

    /// <summary>The project's finished steps: numbered here, taken from it in a retry.</summary>
    public StepJournal Journal { get; } = new(context);

    public ProjectRequest Request { get; } = request;

    /// <summary>What the project learns, for the memory across projects (<see cref="RememberAsync"/>).</summary>
    public ProjectLessons Lessons { get; } = new();

    public string Head { get; set; } = string.Empty;

    public int Iteration { get; set; }

    public bool TestsNeedRewrite { get; set; }

    public decimal CostUsd { get; private set; }

    public long Tokens { get; private set; }

    public TestSummary? Tests { get; private set; }

    public string? LastDecision { get; set; }

    /// <summary>What confined the last step's processes (recorded with its result).</summary>
    public string? Sandbox { get; private set; }

    public IReadOnlyList<CommitRecord> Commits => _commits;

    /// <summary>The number of the approval gate that waits for a decision, or <see langword="null"/>.</summary>
    public int? WaitingGate { get; private set; }

    /// <summary>How many approval gates the project has opened.</summary>
    public int Gates { get; private set; }

    public IReadOnlyList<PhaseSpan> Timeline => _timeline;

    /// <summary>Runs one agent step as an activity, after checking the budget, and records its outcome.</summary>
    public async Task<AgentStepResult> AgentStepAsync(
        string agent, string phase, string instruction, bool commit, string? attachment = null, string? outputSchema = null)
    {
        CheckBudget(phase, agent);
        var turn = _turns.GetValueOrDefault(agent) + 1;
        _turns[agent] = turn;
        if (Journal.Next(JournalStep.AgentKind, agent, phase, Iteration, turn) is { AgentResult: { } recorded } step)
        {
            // Finished in an earlier run: its commit, session and cost count, nothing runs again.
            Absorb(agent, recorded);
            Lessons.Agent(agent, turn, instruction, recorded);
            _timeline.Add(new PhaseSpan(phase, Iteration, agent, step.Started, step.Finished, Outcome(recorded)));
            if (FallbackAlert(agent, phase, recorded) is { } fallback)
            {
                _alerts.Add(fallback);
            }

            _alerts.AddRange(recorded.Alerts.Select(a => a with { Iteration = step.Iteration }));

            var earlier = _agents[agent];
            _agents[agent] = earlier with
            {
                Status = "done",
                Progress = 1,
                Turns = turn,
                CostUsd = earlier.CostUsd + recorded.CostUsd,
                Tokens = earlier.Tokens + recorded.InputTokens + recorded.OutputTokens,
                Seconds = earlier.Seconds + (step.Finished - step.Started).TotalSeconds,
            };
            return recorded;
        }

        var sequence = Journal.Sequence;
        MarkRetry();
        _agents[agent] = _agents[agent] with { Status = "running", Progress = 0.5 };
        Publish(phase);
        var started = Context.CurrentUtcDateTime;
        await Context.Entities.SignalEntityAsync(AgentSessionEntity.IdFor(Context.InstanceId, agent), nameof(AgentSessionEntity.Start), started).ConfigureAwait(true);
        var input = new AgentStepInput
        {
            ProjectId = Context.InstanceId,
            AgentId = agent,
            Phase = phase,
            Iteration = Iteration,
            Turn = turn,
            StartCommit = Head,
            SessionId = _sessions.GetValueOrDefault(agent),
            Instruction = instruction,
            Attachment = attachment,
            Commit = commit,
            OutputSchema = outputSchema,
            Request = Request,
            BudgetWarning = BudgetWarning(),
        };
        var result = await Context.CallActivityAsync<AgentStepResult>(RunAgentStepActivity.Name, input).ConfigureAwait(true);
        Absorb(agent, result);

        if (result.Scratchpads.Count > 0)
        {
            // Stored durably, with the step's result already recorded, before anything else runs.
            await Context.Entities.CallEntityAsync(ScratchpadsEntity.IdFor(Context.InstanceId), nameof(ScratchpadsEntity.Write), result.Scratchpads).ConfigureAwait(true);
        }

        var finished = Context.CurrentUtcDateTime;
        _timeline.Add(new PhaseSpan(phase, Iteration, agent, started, finished, Outcome(result)));
        var before = _agents[agent];
        _agents[agent] = before with
        {
            Status = result.Succeeded ? "done" : "failed",
            Progress = 1,
            Turns = turn,
            CostUsd = before.CostUsd + result.CostUsd,
            Tokens = before.Tokens + result.InputTokens + result.OutputTokens,
            Seconds = before.Seconds + (finished - started).TotalSeconds,
        };
        await Context.Entities.SignalEntityAsync(
            AgentSessionEntity.IdFor(Context.InstanceId, agent),
            nameof(AgentSessionEntity.Record),
            new AgentTurnRecord(agent, result.Backend, result.Model, result.SessionId, result.InputTokens + result.OutputTokens, result.CostUsd, result.Succeeded, finished)).ConfigureAwait(true);
        Publish(phase);
        if (!result.Succeeded)
        {
            throw new ProjectFailedException($"agent error: {agent} ({result.Backend}) failed in {phase}: {result.ErrorKind}: {result.Error}");
        }

        Lessons.Agent(agent, turn, instruction, result);
        await Journal.RecordAsync(new JournalStep
        {
            Sequence = sequence,
            Kind = JournalStep.AgentKind,
            Who = agent,
            Phase = phase,
            Iteration = Iteration,
            Number = turn,
            Started = started,
            Finished = finished,
            AgentResult = result with { Scratchpads = [] },
        }).ConfigureAwait(true);
        if (FallbackAlert(agent, phase, result) is { } alert)
        {
            await AlertAsync(alert).ConfigureAwait(true);
        }

        foreach (var limit in result.Alerts)
        {
            await AlertAsync(limit with { Iteration = Iteration }).ConfigureAwait(true);
        }

        return result;
    }

    /// <summary>Keeps <paramref name="alert"/> in the status and raises it (<see cref="RaiseAlertActivity"/>: the project's
    /// history and the <c>nexus.alerts</c> counter).</summary>
    public async Task AlertAsync(ProjectAlert alert)
    {
        _alerts.Add(alert);
        Publish(alert.Phase);
        await Context.CallActivityAsync<bool>(RaiseAlertActivity.Name, new AlertInput(Context.InstanceId, alert)).ConfigureAwait(true);
    }

    /// <summary>Stores what the project learned (<see cref="RecordMemoryActivity"/>) when its request has the memory on
    /// (<see cref="ProjectRequest.Memory"/>; projects from before the memory skip this step, so they replay as recorded).
    /// A failure to store is in the history and never changes how the project ends.</summary>
    public async Task RememberAsync(bool completed, string reason)
    {
        if (Request.Memory != true)
        {
            return;
        }

        try
        {
            await Context.CallActivityAsync<MemoryOutcome>(
                RecordMemoryActivity.Name, Lessons.ToInput(Context.InstanceId, Request, completed, reason, Iteration)).ConfigureAwait(true);
        }
        catch (TaskFailedException)
        {
            // The memory is a by-product: the project keeps its own outcome.
        }
    }

    /// <summary>The template's scaffold is the workspace's first commit.</summary>
    public void Scaffolded(ScaffoldOutcome outcome)
    {
        Head = outcome.Head;
        _commits.Add(new CommitRecord("nexus", outcome.Commit, outcome.Message));
    }

    private static string Outcome(AgentStepResult result) =>
        result.Fallback is not null ? "fallback: plan from the template" : result.Succeeded ? "ok" : $"failed: {result.ErrorKind}";

    private ProjectAlert? FallbackAlert(string agent, string phase, AgentStepResult result) => result.Fallback is { } why
        ? new ProjectAlert { Kind = ProjectAlert.PlanFallback, Who = agent, Phase = phase, Iteration = Iteration, Message = why }
        : null;

    /// <summary>Runs the tests at the current commit, after checking the budget.</summary>
    public async Task<TestRunOutcome> RunTestsAsync()
    {
        CheckBudget(ProjectPhases.Validate, "tests");
        var run = ++_testRuns;
        if (Journal.Next(JournalStep.TestsKind, "tests", ProjectPhases.Validate, Iteration, run) is { TestOutcome: { } recorded } step)
        {
            Tests = recorded.Summary;
            Lessons.Tests(recorded);
            Sandbox = recorded.Sandbox ?? Sandbox;
            _alerts.AddRange(recorded.Alerts.Select(a => a with { Iteration = step.Iteration }));
            _timeline.Add(new PhaseSpan(ProjectPhases.Validate, Iteration, "tests", step.Started, step.Finished, recorded.Summary.Succeeded ? "green" : "red"));
            return recorded;
        }

        var sequence = Journal.Sequence;
        MarkRetry();
        Publish(ProjectPhases.Validate);
        var started = Context.CurrentUtcDateTime;
        var gates = Request.Gates is { } settings && (settings.Quality || settings.Security) ? settings : null;
        var outcome = await Context.CallActivityAsync<TestRunOutcome>(
            RunTestsActivity.Name, new TestRunInput(Context.InstanceId, Head, Request.TestCommand) { Gates = gates, Iteration = Iteration }).ConfigureAwait(true);
        if (outcome.Scratchpads.Count > 0)
        {
            // The gates' reports, stored durably with the outcome already recorded (only projects with gates get here).
            await Context.Entities.CallEntityAsync(ScratchpadsEntity.IdFor(Context.InstanceId), nameof(ScratchpadsEntity.Write), outcome.Scratchpads).ConfigureAwait(true);
        }

        Tests = outcome.Summary;
        Lessons.Tests(outcome);
        Sandbox = outcome.Sandbox ?? Sandbox;
        var finished = Context.CurrentUtcDateTime;
        _timeline.Add(new PhaseSpan(ProjectPhases.Validate, Iteration, "tests", started, finished, outcome.Summary.Succeeded ? "green" : "red"));
        Publish(ProjectPhases.Validate);
        await Journal.RecordAsync(new JournalStep
        {
            Sequence = sequence,
            Kind = JournalStep.TestsKind,
            Who = "tests",
            Phase = ProjectPhases.Validate,
            Iteration = Iteration,
            Number = run,
            Started = started,
            Finished = finished,
            TestOutcome = outcome with { Scratchpads = [] },
        }).ConfigureAwait(true);
        foreach (var alert in outcome.Alerts)
        {
            await AlertAsync(alert with { Iteration = Iteration }).ConfigureAwait(true);
        }

        return outcome;
    }

    /// <summary>The decision recorded for approval gate <paramref name="gate"/> in an earlier run, or <see langword="null"/>
    /// (then the gate waits, and <see cref="RecordDecisionAsync"/> keeps what it gets).</summary>
    public ApprovalDecision? RecordedDecision(int gate)
    {
        if (Journal.Next(JournalStep.ApprovalKind, "person", ProjectPhases.Approval, Iteration, gate) is { Decision: { } decision })
        {
            return decision;
        }

        MarkRetry();
        return null;
    }

    /// <summary>Records the decision gate <paramref name="gate"/> took (numbered by <see cref="RecordedDecision"/>).</summary>
    public Task RecordDecisionAsync(int gate, ApprovalDecision decision, DateTime opened) => Journal.RecordAsync(new JournalStep
    {
        Sequence = Journal.Sequence,
        Kind = JournalStep.ApprovalKind,
        Who = "person",
        Phase = ProjectPhases.Approval,
        Iteration = Iteration,
        Number = gate,
        Started = opened,
        Finished = Context.CurrentUtcDateTime,
        Decision = decision,
    });

    /// <summary>Opens the next approval gate (numbered from 1) and publishes it as waiting; returns its number.</summary>
    public int OpenGate()
    {
        WaitingGate = ++Gates;
        Publish(ProjectPhases.Approval);
        return Gates;
    }

    /// <summary>The gate has its decision (or timed out): none waits any more.</summary>
    public void CloseGate() => WaitingGate = null;

    public void Publish(string phase, string? reason = null)
    {
        Context.SetCustomStatus(new ProjectStatus
        {
            Phase = phase,
            Iteration = Iteration,
            Agents = new Dictionary<string, AgentState>(_agents, StringComparer.Ordinal),
            Progress = Math.Min(phase == ProjectPhases.Done ? 1.0 : 0.95, PhaseProgress[phase] + (Math.Max(0, Iteration - 1) * 0.05)),
            CostUsd = CostUsd,
            Tokens = Tokens,
            Tests = Tests,
            Commits = [.. _commits],
            Reason = reason,
            LastDecision = LastDecision,
            Sandbox = Sandbox,
            ApprovalGate = phase == ProjectPhases.Approval ? WaitingGate : null,
            Retries = Request.Retry?.Attempt ?? 0,
            Alerts = [.. _alerts],
        });
    }

    public void Stop(string reason)
    {
        foreach (var agent in ProjectOrchestration.TeamOrder.Where(a => _agents[a].Status == "running"))
        {
            _agents[agent] = _agents[agent] with { Status = "failed" };
        }

        Publish(ProjectPhases.Done, reason);
    }

    public void Complete() => Publish(ProjectPhases.Done);

    /// <summary>Ends the session of every agent that took (or started) a turn with the project: <c>failed</c> for the one
    /// whose turn failed or was cut off, <c>done</c> for the others.</summary>
    /// <remarks>Signals only: the caller's next durable call sends them. Sent before a failure ends the orchestration,
    /// they would be dropped with it (a failed episode's other actions are not carried out), and the session that had
    /// started its last turn would say "running, 0 turns" for ever.</remarks>
    public async Task EndSessionsAsync()
    {
        foreach (var agent in ProjectOrchestration.TeamOrder.Where(_turns.ContainsKey))
        {
            var status = _agents[agent].Status == "failed" ? "failed" : "done";
            await Context.Entities.SignalEntityAsync(AgentSessionEntity.IdFor(Context.InstanceId, agent), nameof(AgentSessionEntity.Finish), status).ConfigureAwait(true);
        }
    }

    /// <summary>The share of a budget (USD or tokens) from which each step starts with a budget warning.</summary>
    public const decimal BudgetWarningShare = 0.8m;

    // Deterministic: from the recorded costs only.
    private string? BudgetWarning()
    {
        if (Request.BudgetUsd is { } budget && budget > 0 && CostUsd >= budget * BudgetWarningShare)
        {
            return string.Create(CultureInfo.InvariantCulture, $"budget: ${CostUsd:0.####} of ${budget:0.####} spent ({CostUsd / budget * 100:0}%)");
        }

        if (Request.MaxTokens is { } maxTokens && maxTokens > 0 && Tokens >= maxTokens * BudgetWarningShare)
        {
            return string.Create(CultureInfo.InvariantCulture, $"budget: {Tokens:N0} of {maxTokens:N0} tokens used ({(double)Tokens / maxTokens * 100:0}%)");
        }

        return null;
    }

    // What a step's result changes in the run, whether it ran now or in an earlier run.
    private void Absorb(string agent, AgentStepResult result)
    {
        CostUsd += result.CostUsd;
        Tokens += result.InputTokens + result.OutputTokens;
        Sandbox = result.Sandbox ?? Sandbox;
        if (result.SessionId is { } session)
        {
            _sessions[agent] = session;
        }

        if (result.Commit is { } commitId)
        {
            Head = commitId;
            _commits.Add(new CommitRecord(agent, commitId, result.CommitMessage ?? string.Empty));
        }
    }

    // In a retry, the first step that runs again is where the timeline says so (once).
    private void MarkRetry()
    {
        if (Request.Retry is not { } retry || _retryMarked)
        {
            return;
        }

        _retryMarked = true;
        var now = Context.CurrentUtcDateTime;
        var why = string.IsNullOrWhiteSpace(retry.PreviousReason) ? retry.PreviousStatus.ToLowerInvariant() : retry.PreviousReason;
        _timeline.Add(new PhaseSpan("retry", Iteration, "nexus", now, now, $"retry {retry.Attempt}: continues here after {why}"));
    }

    private void CheckBudget(string phase, string who)
    {
        if (Request.BudgetUsd is { } budget && CostUsd >= budget)
        {
            throw new ProjectFailedException(string.Create(
                CultureInfo.InvariantCulture,
                $"budget exhausted: ${CostUsd:0.####} spent of ${budget:0.####}; {who} did not start {phase}."));
        }

        if (Request.MaxTokens is { } maxTokens && Tokens >= maxTokens)
        {
            throw new ProjectFailedException($"budget exhausted: {Tokens:N0} tokens used of {maxTokens:N0}; {who} did not start {phase}.");
        }
    }
}

using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;
using Microsoft.Extensions.Logging;
using Nexus.Workflows.Activities;
using Nexus.Workflows.Model;

namespace Nexus.Workflows.Orchestration;

/// <summary>The project workflow: plan → (approval) → implement → write tests → validate (real test run and its QA and
/// Security gates + Beta) → review (Prime decides, with the gates' reports) → loop, until the tests are green and Prime says done, or a guard rail stops it.</summary>
/// <remarks>
/// Every agent turn, test run and decision is an activity, so nothing finished is redone after a crash. Deterministic
/// guard rails wrap Prime's decision: <c>done</c> needs green tests and, in projects with gates
/// (<see cref="ProjectRequest.Gates"/>), passed gates — a failed gate sends its findings back to Code or Alpha; at most <see cref="ProjectRequest.MaxIterations"/>
/// iterations; the same failing tests twice in a row stop the project as "no progress" (or ask a person when plan
/// approval is on); the budget is checked before every step. A stop is a <see cref="ProjectFailedException"/> whose
/// message is the reason; the live status keeps the partial work (commits, tests, cost).
/// Every finished step is also recorded in the project's <see cref="Entities.ProjectJournalEntity"/>; a retry
/// (<see cref="ProjectRequest.Retry"/>) takes the steps recorded there instead of running them again (see
/// <see cref="StepJournal"/>), and goes on live from the first one that is not.
/// </remarks>
public sealed class ProjectOrchestration : TaskOrchestrator<ProjectRequest, ProjectReport>
{
    /// <summary>The registered name.</summary>
    public const string Name = nameof(ProjectOrchestration);

    /// <summary>The team in display order.</summary>
    public static IReadOnlyList<string> TeamOrder { get; } = ["prime", "aria", "code", "alpha", "beta"];

    private const string LogCategory = "Nexus.Workflows.ProjectOrchestration";

    // A LoggerMessage.Define delegate in this file rather than a [LoggerMessage] method in a partial: Microsoft.DurableTask.Analyzers
    // 1.28.0 (LoggerOrchestrationAnalyzer) throws AD0001 "Syntax node is not within syntax tree" when it follows a logger
    // from an orchestrator into a method declared in another file.
    private static readonly Action<ILogger, string, int, int, Exception?> StaleDecision = LoggerMessage.Define<string, int, int>(
        LogLevel.Warning,
        new EventId(4001, nameof(StaleDecision)),
        "Project {ProjectId}: ignored an approval decision for gate {DecisionGate}; gate {WaitingGate} is waiting");

    /// <inheritdoc/>
    public override async Task<ProjectReport> RunAsync(TaskOrchestrationContext context, ProjectRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var run = new ProjectRun(context, input);
        try
        {
            return await RunProjectAsync(run).ConfigureAwait(true);
        }
        catch (ProjectFailedException e)
        {
            await StopAsync(run, e.Message).ConfigureAwait(true);
            throw;
        }
        catch (TaskFailedException e)
        {
            var reason = $"agent error: {e.FailureDetails.ErrorMessage}";
            await StopAsync(run, reason).ConfigureAwait(true);
            throw new ProjectFailedException(reason, e);
        }
        catch (EntityOperationFailedException e)
        {
            var reason = $"agent error: {e.FailureDetails.ErrorMessage}";
            await StopAsync(run, reason).ConfigureAwait(true);
            throw new ProjectFailedException(reason, e);
        }
    }

    // The status says why; the journal keeps the reason and, because this waits for it, the steps recorded just before.
    private static async Task StopAsync(ProjectRun run, string reason)
    {
        run.Stop(reason);
        await run.EndSessionsAsync().ConfigureAwait(true);
        try
        {
            await run.Journal.StoppedAsync(reason).ConfigureAwait(true);
        }
        catch (EntityOperationFailedException)
        {
            // The project fails with its own reason either way.
        }

        await run.RememberAsync(completed: false, reason).ConfigureAwait(true);
    }

    private static async Task<ProjectReport> RunProjectAsync(ProjectRun run)
    {
        var context = run.Context;
        run.Publish(ProjectPhases.Plan);
        await run.Journal.OpenAsync(run.Request.Retry).ConfigureAwait(true);
        run.Head = await context.CallActivityAsync<string>(PrepareWorkspaceActivity.Name, context.InstanceId).ConfigureAwait(true);
        if (run.Request.ResolvedTemplate is { Scaffold.Count: > 0 } template)
        {
            run.Scaffolded(await context.CallActivityAsync<ScaffoldOutcome>(
                ScaffoldWorkspaceActivity.Name, new ScaffoldInput(context.InstanceId, run.Head, template.Name, template.Scaffold)).ConfigureAwait(true));
        }

        await PlanAsync(run, feedback: null).ConfigureAwait(true);
        if (run.Request.ApprovePlan)
        {
            await ApprovalGateAsync(run, "Approve Aria's plan to start the implementation.").ConfigureAwait(true);
        }

        var next = ProjectPhases.Implement;
        string? guidance = null;
        IReadOnlyList<string>? previousFailures = null;
        for (var iteration = 1; ; iteration++)
        {
            run.Iteration = iteration;
            if (next == ProjectPhases.Implement)
            {
                await ImplementAsync(run, guidance).ConfigureAwait(true);
            }

            if (next == ProjectPhases.WriteTests || iteration == 1 || run.TestsNeedRewrite)
            {
                await WriteTestsAsync(run, next == ProjectPhases.WriteTests ? guidance : null).ConfigureAwait(true);
            }

            var tests = await ValidateAsync(run).ConfigureAwait(true);
            var decision = await ReviewAsync(run, tests).ConfigureAwait(true);
            if (tests.Summary.Succeeded && tests.GatesPassed && decision.Route == RouteDecision.Done)
            {
                return await FinishAsync(run, decision.Reason).ConfigureAwait(true);
            }

            decision = GuardRails.Apply(decision, tests.Summary, previousFailures, run.Request);
            decision = GuardRails.ApplyGates(decision, tests);
            previousFailures = tests.Summary.Succeeded ? null : tests.Summary.FailingTests;
            if (decision.Route == RouteDecision.Done)
            {
                return await FinishAsync(run, decision.Reason).ConfigureAwait(true);
            }

            if (decision.StopReason is { } stop)
            {
                throw new ProjectFailedException(stop);
            }

            if (iteration >= run.Request.MaxIterations)
            {
                throw new ProjectFailedException(GuardRails.MaxIterationsReason(run.Request.MaxIterations, tests.Summary, decision));
            }

            guidance = decision.Feedback;
            run.TestsNeedRewrite = false;
            switch (decision.Route)
            {
                case RouteDecision.FixTests:
                    next = ProjectPhases.WriteTests;
                    break;
                case RouteDecision.Replan:
                    await PlanAsync(run, decision.Feedback).ConfigureAwait(true);
                    next = ProjectPhases.Implement;
                    run.TestsNeedRewrite = true;
                    break;
                case RouteDecision.NeedsHuman:
                    guidance = await ApprovalGateAsync(run, decision.Reason).ConfigureAwait(true) ?? guidance;
                    next = ProjectPhases.Implement;
                    break;
                default:
                    next = ProjectPhases.Implement;
                    break;
            }
        }
    }

    private static async Task PlanAsync(ProjectRun run, string? feedback)
    {
        var instruction = feedback is null
            ? "Analyse the project. Write the requirements, a short design and numbered acceptance criteria into PLAN.md, and summarise the plan for Code."
            : $"Revise the plan with this feedback, update PLAN.md and summarise the new plan for Code.\n\nFeedback: {feedback}";
        await run.AgentStepAsync("aria", ProjectPhases.Plan, instruction, commit: true).ConfigureAwait(true);
    }

    private static async Task ImplementAsync(ProjectRun run, string? guidance)
    {
        var instruction = guidance is null
            ? "Implement the plan from aria_to_code. Keep the code small and clear."
            : $"Fix the implementation so that the failing tests pass. Guidance from Prime: {guidance}";
        await run.AgentStepAsync("code", ProjectPhases.Implement, instruction, commit: true).ConfigureAwait(true);
    }

    private static async Task WriteTestsAsync(ProjectRun run, string? guidance)
    {
        var instruction = guidance is null
            ? "Write automated tests for the implementation described in code_to_alpha, covering the acceptance criteria."
            : $"Fix the tests. Guidance from Prime: {guidance}";
        await run.AgentStepAsync("alpha", ProjectPhases.WriteTests, instruction, commit: true).ConfigureAwait(true);
    }

    private static async Task<TestRunOutcome> ValidateAsync(ProjectRun run)
    {
        var tests = await run.RunTestsAsync().ConfigureAwait(true);
        await run.AgentStepAsync(
            "beta",
            ProjectPhases.Validate,
            "Analyse the real test run below: which tests fail, why, and what must change (implementation or tests).",
            commit: false,
            attachment: TestReport.ToMarkdown(tests)).ConfigureAwait(true);
        return tests;
    }

    private static async Task<Decision> ReviewAsync(ProjectRun run, TestRunOutcome tests)
    {
        var gated = tests.Quality is not null || tests.Security is not null;
        var result = await run.AgentStepAsync(
            "prime",
            ProjectPhases.Review,
            (gated
                ? "Decide the next step: done (only if all tests pass and the QA and Security gates below pass), fix_implementation, fix_tests, replan or needs_human. "
                : "Decide the next step: done (only if all tests pass), fix_implementation, fix_tests, replan or needs_human. ") +
            "Give the reason and concrete feedback for the agent who acts next.",
            commit: false,
            attachment: gated ? TestReport.ToMarkdown(tests) + GateReport.ToMarkdown(tests) : TestReport.ToMarkdown(tests),
            outputSchema: Decision.Schema).ConfigureAwait(true);
        var decision = Decision.Parse(result, tests.Summary.Succeeded);
        run.LastDecision = decision.Route;
        run.Lessons.Decided(run.Iteration, decision);
        return decision;
    }

    // Waits for the `approval` event at a new, numbered gate. Rejection re-plans with the feedback and opens the next gate;
    // a timeout stops the project.
    private static async Task<string?> ApprovalGateAsync(ProjectRun run, string question)
    {
        while (true)
        {
            var gate = run.OpenGate();
            var approval = await WaitForDecisionAsync(run, gate, question).ConfigureAwait(true);
            run.CloseGate();
            if (approval.Approved)
            {
                return approval.Feedback;
            }

            await PlanAsync(run, approval.Feedback ?? "The plan was rejected; propose a different approach.").ConfigureAwait(true);
        }
    }

    // A decision for another gate (sent late, twice, or buffered while no gate waited) is ignored: it was not about the plan
    // this gate shows. The gate's deadline stays where it was. Replay-safe: the time is the orchestration's, the log too.
    private static async Task<ApprovalDecision> WaitForDecisionAsync(ProjectRun run, int gate, string question)
    {
        var context = run.Context;
        if (run.RecordedDecision(gate) is { } recorded)
        {
            return recorded;
        }

        var opened = context.CurrentUtcDateTime;
        var deadline = opened + run.Request.ApprovalTimeout;
        for (var remaining = run.Request.ApprovalTimeout; remaining > TimeSpan.Zero; remaining = deadline - context.CurrentUtcDateTime)
        {
            ApprovalDecision decision;
            try
            {
                decision = await context.WaitForExternalEvent<ApprovalDecision>(ApprovalDecision.EventName, remaining).ConfigureAwait(true);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            if (decision.Gate is null || decision.Gate == gate)
            {
                await run.RecordDecisionAsync(gate, decision, opened).ConfigureAwait(true);
                return decision;
            }

            StaleDecision(context.CreateReplaySafeLogger(LogCategory), context.InstanceId, decision.Gate.Value, gate, null);
        }

        throw new ProjectFailedException($"approval timed out: nobody answered within {run.Request.ApprovalTimeout} ({question})");
    }

    private static async Task<ProjectReport> FinishAsync(ProjectRun run, string reason)
    {
        await run.EndSessionsAsync().ConfigureAwait(true);
        var files = await run.Context.CallActivityAsync<IReadOnlyList<string>>(ListFilesActivity.Name, run.Context.InstanceId).ConfigureAwait(true);
        await run.RememberAsync(completed: true, reason).ConfigureAwait(true);
        run.Complete();
        return new ProjectReport
        {
            Summary = $"Completed after {run.Iteration} iteration(s): {reason}",
            Files = files,
            Tests = run.Tests ?? TestSummary.None,
            Iterations = run.Iteration,
            CostUsd = run.CostUsd,
            Tokens = run.Tokens,
            Timeline = run.Timeline,
            Commits = run.Commits,
        };
    }
}

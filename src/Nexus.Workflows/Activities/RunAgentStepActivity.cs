using System.Diagnostics;
using Nexus.Agents.Abstractions;
using Nexus.Agents.Backends;
using Nexus.Agents.Roles;
using Nexus.Agents.Sandboxing;
using Nexus.Agents.Scratchpads;
using Nexus.Agents.Security;
using Nexus.Agents.Telemetry;
using Nexus.Agents.Workspaces;
using Microsoft.DurableTask;
using Nexus.Workflows.Entities;
using Nexus.Workflows.Hosting;
using Nexus.Workflows.Live;
using Nexus.Workflows.Memory;

namespace Nexus.Workflows.Activities;

/// <summary>One agent turn as a durable step: reset the workspace to the step's starting commit, run the turn, scan what it
/// changed for secrets, write the handoff scratchpads (keyed by the step, so a retry overwrites), and commit as the agent.</summary>
/// <remarks>
/// A step that runs again because its first attempt was interrupted starts from the same commit and resumes a FORK of the
/// last recorded session; every attempt forks, so the recorded session is never written to and a half-finished attempt
/// cannot pollute it. The fork's id is what the step records for the next turn.
/// Cancellation (the project was cancelled) kills the agent process and leaves the workspace at its last commit.
/// Work that holds a secret (see <see cref="SecretScanner"/>) is not committed: the workspace goes back to the starting
/// commit and the step fails with <see cref="SecretLeakErrorKind"/> and a reason naming files, lines and kinds, never values.
/// </remarks>
public sealed partial class RunAgentStepActivity(WorkflowServices services, AgentCatalog catalog, CancellationToken cancellation) : TaskActivity<AgentStepInput, AgentStepResult>
{
    public const string Name = "RunAgentStep";

    /// <summary>The <see cref="AgentStepResult.ErrorKind"/> of a step whose work held a secret and was not committed.</summary>
    public const string SecretLeakErrorKind = "SecretLeak";

    // What this invocation's prompt got from the memory (an activity instance runs one step).
    private RecalledLessons _recalled = RecalledLessons.None;

    public override async Task<AgentStepResult> RunAsync(TaskActivityContext context, AgentStepInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var span = NexusTelemetry.Source.StartActivity("nexus.step", ActivityKind.Internal, NexusTelemetry.ProjectTrace(input.ProjectId));
        span?.SetTag("nexus.project", input.ProjectId);
        span?.SetTag("nexus.agent", input.AgentId);
        span?.SetTag("nexus.phase", input.Phase);
        span?.SetTag("nexus.iteration", input.Iteration);
        var result = await RunStepAsync(input).ConfigureAwait(false);
        result = result with
        {
            Alerts = services.Options.Performance.ForAgentTurn(input.AgentId, input.Phase, result.CpuSeconds, result.PeakMemoryMb, result.DurationSeconds),
            Recalled = _recalled.ProjectIds,
        };
        span?.SetTag("nexus.tokens", result.InputTokens + result.OutputTokens);
        span?.SetTag("nexus.cost_usd", (double)result.CostUsd);
        span?.SetStatus(result.Succeeded ? ActivityStatusCode.Ok : ActivityStatusCode.Error, result.ErrorKind);
        return result;
    }

    private async Task<AgentStepResult> RunStepAsync(AgentStepInput input)
    {
        var ct = cancellation;
        // What an earlier attempt of this step left running dies first: a write of it after the reset would be committed.
        var earlierAttempt = StepSandbox.KillEarlierAttempt(services, input.ProjectId, input.StepKey);
        var workspace = await GitWorkspace.OpenOrInitAsync(services.Options.WorkspaceDirectory(input.ProjectId), cancellationToken: ct).ConfigureAwait(false);
        await workspace.ResetToAsync(input.StartCommit, ct).ConfigureAwait(false);
        var agent = Resolve(input);
        var reads = StepPrompts.ReadsFor(input.AgentId);
        var pads = (await DurableScratchpads.ReadAsync(services.Client, input.ProjectId, ct).ConfigureAwait(false))
            .Where(p => reads.Contains(p.Name))
            .OrderBy(p => reads.ToList().IndexOf(p.Name))
            .ToList();

        var backend = services.Backends.Get(agent.Backend, input.Request.Scenario, input.Request.ReplayDelay);
        var progress = new LiveActivityProgress(services.Activity, services.Redactor, input.ProjectId, agent.Id, agent.Name, input.StepKey);
        ReportEarlierAttempt(input, agent, earlierAttempt);
        _recalled = await RecallAsync(input, agent, ct).ConfigureAwait(false);
        if (input.BudgetWarning is { } warning)
        {
            Publish(input, agent, LiveActivityKind.Budget, warning);
        }

        IProcessSandbox sandbox;
        try
        {
            sandbox = StepSandbox.Create(services, input.ProjectId, input.StepKey, workspace.Directory);
        }
        catch (SandboxUnavailableException e)
        {
            return new AgentStepResult { Succeeded = false, Backend = backend.Name, ErrorKind = "SandboxUnavailable", Error = e.Message };
        }

        var request = new AgentTurnRequest
        {
            Agent = agent,
            Prompt = StepPrompts.Build(input, pads, _recalled.Section),
            WorkspacePath = workspace.Directory,
            StepKey = input.StepKey,
            TurnNumber = input.Turn,
            SessionId = input.SessionId,
            // Every turn continues a FORK of the recorded session: the recorded session is never written to, so an
            // attempt that is killed half-way cannot pollute what the retry (or the next turn) resumes.
            ForkSession = input.SessionId is not null,
            SessionSeed = string.Join("\n\n", pads.Select(p => p.Markdown)),
            OutputSchema = input.OutputSchema,
            Sandbox = sandbox,
            ConfigDirectory = services.Options.AgentConfigDirectory(input.ProjectId),
            Progress = progress,
        };

        AgentTurnResult result;
        try
        {
            using var slot = await services.Gate.EnterAsync(backend.Name, ct).ConfigureAwait(false);
            var runner = new AgentTurnRunner(new AgentBackendRegistry(backend), timeProvider: services.Time, redactor: services.Redactor);
            result = await runner.RunAsync(request, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await workspace.ResetToAsync(input.StartCommit, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        if (!result.Succeeded)
        {
            await workspace.ResetToAsync(input.StartCommit, ct).ConfigureAwait(false);
            if (TemplatePlanApplies(input, result))
            {
                return await TemplatePlanAsync(input, agent, workspace, result, ct).ConfigureAwait(false) with { Sandbox = sandbox.Description };
            }

            return ToStepResult(result, null, null, []) with { Sandbox = sandbox.Description };
        }

        var text = services.Redactor.Redact(result.Text);
        if (input.Commit)
        {
            // Checked before anything of the step is kept: refused work leaves no commit and no scratchpad entry, and a
            // retry (which starts again from StartCommit) meets the same check. Commits the agent made on its own are
            // folded back first, so the check sees everything since StartCommit and the step stays one commit.
            await workspace.SoftResetToAsync(input.StartCommit, ct).ConfigureAwait(false);
            var findings = services.Scanner.Scan(await workspace.StageAllAsync(ct).ConfigureAwait(false));
            if (findings.Count > 0)
            {
                await workspace.ResetToAsync(input.StartCommit, ct).ConfigureAwait(false);
                return ToStepResult(result with { Text = text }, null, null, []) with
                {
                    Succeeded = false,
                    ErrorKind = SecretLeakErrorKind,
                    Error = "refused to commit: " + SecretScanner.Describe(findings),
                    Sandbox = sandbox.Description,
                };
            }
        }

        var writes = await WriteScratchpadsAsync(input, agent, text, result.ChangedFiles, ct).ConfigureAwait(false);

        if (!input.Commit)
        {
            return ToStepResult(result with { Text = text }, null, null, result.ChangedFiles) with { Scratchpads = writes, Sandbox = sandbox.Description };
        }

        var message = $"{agent.Name}: {input.Phase} (iteration {input.Iteration})\n\n{FirstLine(text)}";
        // Exactly what was scanned: the index as staged above, whatever the work tree holds now.
        var commit = await workspace.CommitStagedAsync(agent.Name, agent.Email, message, ct).ConfigureAwait(false);
        return ToStepResult(result with { Text = text }, commit.CommitId, message, commit.ChangedFiles) with { Scratchpads = writes, Sandbox = sandbox.Description };
    }

    private async Task<List<ScratchpadWrite>> WriteScratchpadsAsync(
        AgentStepInput input, AgentDefinition agent, string text, IReadOnlyList<string> changedFiles, CancellationToken ct)
    {
        var writes = new List<ScratchpadWrite>();
        foreach (var pad in StepPrompts.WritesFor(input.AgentId))
        {
            var entry = new ScratchpadEntry
            {
                StepKey = input.StepKey,
                Author = agent.Name,
                Timestamp = services.Time.GetUtcNow(),
                Content = StepPrompts.PadContent(pad, input, text, changedFiles),
            };

            // The readable Markdown mirror; the stored (redacted, normalised) entry goes into the recorded result.
            writes.Add(new ScratchpadWrite(pad, await services.Scratchpads.WriteAsync(input.ProjectId, pad, entry, ct).ConfigureAwait(false)));
        }

        return writes;
    }

    /// <summary>A step whose earlier attempt left its process record was interrupted (its worker died, and this attempt
    /// could only start once that worker's lease had expired): say so live, with how long ago the earlier attempt started.</summary>
    private void ReportEarlierAttempt(AgentStepInput input, AgentDefinition agent, DateTimeOffset? earlierAttempt)
    {
        if (earlierAttempt is not { } started)
        {
            return;
        }

        var ago = services.Time.GetUtcNow() - started;
        var seconds = Math.Max(0, (int)Math.Round(ago.TotalSeconds));
        Publish(input, agent, LiveActivityKind.Recovery,
            $"runs {input.StepKey} again: the attempt started {seconds} s ago was interrupted, and its lease had to expire first");
    }

    private void Publish(AgentStepInput input, AgentDefinition agent, LiveActivityKind kind, string text) =>
        services.Activity.Publish(new LiveActivity
        {
            ProjectId = input.ProjectId,
            AgentId = agent.Id,
            AgentName = agent.Name,
            StepKey = input.StepKey,
            Kind = kind,
            Text = services.Redactor.Redact(text),
        });

    private AgentDefinition Resolve(AgentStepInput input)
    {
        var agent = catalog.Get(input.AgentId);
        if (input.Request.Provider is { } provider)
        {
            agent = agent with { Backend = provider.ToLowerInvariant() };
        }

        if (input.Request.Model is { } model)
        {
            agent = agent with { Model = model };
        }

        return agent;
    }

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? string.Empty;
        return line.Length > 200 ? line[..200] : line;
    }

    private static AgentStepResult ToStepResult(AgentTurnResult result, string? commit, string? message, IReadOnlyList<string> changed) =>
        AgentStepResult.FromTurn(result) with { Commit = commit, CommitMessage = message, ChangedFiles = changed };
}

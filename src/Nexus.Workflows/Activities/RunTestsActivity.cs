using System.Diagnostics;
using Nexus.Agents.Quality;
using Nexus.Agents.Sandboxing;
using Nexus.Agents.Scratchpads;
using Nexus.Agents.Security;
using Nexus.Agents.Telemetry;
using Nexus.Agents.Testing;
using Nexus.Agents.Workspaces;
using Microsoft.DurableTask;
using Nexus.Workflows.Entities;
using Nexus.Workflows.Hosting;
using Nexus.Workflows.Model;

namespace Nexus.Workflows.Activities;

/// <summary>Runs the project's tests for real at a commit (clean tree), in the project's sandbox without NEXUS's secrets,
/// and records the outcome; then the project's gates (<see cref="TestRunInput.Gates"/>): Security on every run, QA after a
/// green one.</summary>
/// <remarks>The gates run inside this activity rather than as activities of their own so that every host that runs the
/// workflow's activities (NEXUS's worker, the Function App's activity functions) runs them without new registrations,
/// and their reports are recorded once, with the test run they measured.</remarks>
public sealed class RunTestsActivity(WorkflowServices services, CancellationToken cancellation) : TaskActivity<TestRunInput, TestRunOutcome>
{
    public const string Name = "RunTests";

    /// <summary>Test runs share the per-process limit of agent turns under this name, so many projects cannot start
    /// an unbounded number of test processes at once.</summary>
    public const string TestRunGateName = "tests";

    public override async Task<TestRunOutcome> RunAsync(TaskActivityContext context, TestRunInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var span = NexusTelemetry.Source.StartActivity("nexus.step", ActivityKind.Internal, NexusTelemetry.ProjectTrace(input.ProjectId));
        span?.SetTag("nexus.project", input.ProjectId);
        span?.SetTag("nexus.agent", "tests");
        span?.SetTag("nexus.phase", "validate");
        var outcome = await RunTestsAsync(input).ConfigureAwait(false);
        var verdict = outcome.Summary.Succeeded ? "green" : "red";
        var tag = new KeyValuePair<string, object?>("outcome", verdict);
        NexusTelemetry.TestRunDuration.Record(outcome.DurationSeconds, tag);
        NexusTelemetry.RecordResources(
            NexusTelemetry.TestRunCpu, NexusTelemetry.TestRunPeakMemory, outcome.CpuSeconds, outcome.PeakMemoryMb, new TagList { tag }, span, "nexus.tests");

        span?.SetTag("nexus.tests.outcome", verdict);
        span?.SetTag("nexus.tests.passed", outcome.Summary.Passed);
        span?.SetTag("nexus.tests.failed", outcome.Summary.Failed);
        return outcome;
    }

    private async Task<TestRunOutcome> RunTestsAsync(TestRunInput input)
    {
        var ct = cancellation;
        // An earlier attempt's test run and gates die before the reset, so nothing they write late lands in the measured tree.
        foreach (var step in new[] { "tests", "security", "qa" })
        {
            StepSandbox.KillEarlierAttempt(services, input.ProjectId, $"{step}-{input.Commit}");
        }

        var workspace = await GitWorkspace.OpenOrInitAsync(services.Options.WorkspaceDirectory(input.ProjectId), cancellationToken: ct).ConfigureAwait(false);
        await workspace.ResetToAsync(input.Commit, ct).ConfigureAwait(false);
        var runner = new TestRunner(redactor: services.Redactor);
        var sandbox = StepSandbox.Create(services, input.ProjectId, $"tests-{input.Commit}", workspace.Directory);
        TestRunResult result;
        using (await services.Gate.EnterAsync(TestRunGateName, ct).ConfigureAwait(false))
        {
            result = await runner.RunAsync(workspace.Directory, new TestRunOptions { Command = input.TestCommand, Sandbox = sandbox }, ct).ConfigureAwait(false);
        }

        var gates = input.Gates is { } settings ? await RunGatesAsync(input, settings, workspace, result).ConfigureAwait(false) : default;
        await workspace.ResetToAsync(input.Commit, ct).ConfigureAwait(false);
        var failing = result.Failures.Select(f => f.Name).ToList();
        var failed = result.Failed ?? (result.Succeeded ? 0 : Math.Max(1, failing.Count));
        var summary = new TestSummary(result.Passed ?? 0, failed, result.Skipped, result.Succeeded, failing);
        return new TestRunOutcome(
            summary,
            result.Command,
            result.ExitCode,
            result.TimedOut,
            [.. result.Failures.Select(f => $"{f.Name}: {f.Message}")],
            result.Log.Length > 4000 ? result.Log[^4000..] : result.Log,
            result.Duration.TotalSeconds)
        {
            Sandbox = sandbox.Description,
            Quality = gates.Quality,
            Security = gates.Security,
            Scratchpads = gates.Writes ?? [],
            CpuSeconds = result.Resources?.CpuSeconds,
            PeakMemoryMb = result.Resources?.PeakMemoryMb,
            Alerts = services.Options.Performance.ForTestRun(result.Resources?.CpuSeconds, result.Resources?.PeakMemoryMb, result.Duration.TotalSeconds),
        };
    }

    // The gates measure the commit under test: Security scans the project's change after every run (its npm audit in a
    // sandbox of its own), QA measures the workspace after a green one (its coverage run in a sandbox of its own); both
    // under the same limit as test runs, on the workspace reset to the commit (the test run may have left files). Their
    // Markdown goes to the scratchpads' mirror here; the orchestration stores the entries with the recorded outcome.
    private async Task<(QualityReport? Quality, SecurityReport? Security, List<ScratchpadWrite>? Writes)> RunGatesAsync(
        TestRunInput input, GateSettings settings, GitWorkspace workspace, TestRunResult tests)
    {
        var ct = cancellation;
        var writes = new List<ScratchpadWrite>();
        SecurityReport? security = null;
        if (settings.Security)
        {
            security = await InSandboxAsync(input, workspace, "security", sandbox =>
                new SecurityGate(services.Scanner).ScanAsync(workspace, input.Commit, sandbox, ct)).ConfigureAwait(false);
            writes.Add(await WriteAsync(input, ScratchpadNames.SecurityReport, "Security gate", security.ToMarkdown()).ConfigureAwait(false));
        }

        QualityReport? quality = null;
        if (settings.Quality && tests.Succeeded)
        {
            // The configured command as written (Python's coverage run reuses its module and arguments), else the one detected.
            quality = await InSandboxAsync(input, workspace, "qa", sandbox => new QualityGate().MeasureAsync(
                workspace.Directory, new QualityThresholds(settings.MinLineCoverage, settings.MaxComplexity), sandbox, input.TestCommand ?? tests.Command, ct)).ConfigureAwait(false);
            writes.Add(await WriteAsync(input, ScratchpadNames.QaReport, "QA gate", quality.ToMarkdown()).ConfigureAwait(false));
        }

        return (quality, security, writes);
    }

    /// <summary>Runs a gate on the workspace reset to the commit under test, with a sandbox of its own (step
    /// <c>{gate}-{commit}</c>), under the test runs' limit.</summary>
    private async Task<T> InSandboxAsync<T>(TestRunInput input, GitWorkspace workspace, string gate, Func<IProcessSandbox, Task<T>> run)
    {
        var step = $"{gate}-{input.Commit}";
        StepSandbox.KillEarlierAttempt(services, input.ProjectId, step);
        await workspace.ResetToAsync(input.Commit, cancellation).ConfigureAwait(false);
        var sandbox = StepSandbox.Create(services, input.ProjectId, step, workspace.Directory);
        using (await services.Gate.EnterAsync(TestRunGateName, cancellation).ConfigureAwait(false))
        {
            return await run(sandbox).ConfigureAwait(false);
        }
    }

    private async Task<ScratchpadWrite> WriteAsync(TestRunInput input, string pad, string author, string markdown)
    {
        var entry = new ScratchpadEntry
        {
            StepKey = $"{ProjectPhases.Validate}/{pad}/{input.Iteration:000}",
            Author = author,
            Timestamp = services.Time.GetUtcNow(),
            Content = $"Iteration {input.Iteration}, commit {input.Commit[..Math.Min(12, input.Commit.Length)]}\n\n{markdown}",
        };
        return new ScratchpadWrite(pad, await services.Scratchpads.WriteAsync(input.ProjectId, pad, entry, cancellation).ConfigureAwait(false));
    }
}

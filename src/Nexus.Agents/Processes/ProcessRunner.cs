using System.ComponentModel;
using System.Diagnostics;
using CliWrap;

namespace Nexus.Agents.Processes;

/// <summary>Runs programs with CliWrap, killing the whole process group on timeout or cancellation.</summary>
/// <remarks>
/// <para>
/// CliWrap builds and starts the process (arguments passed one by one, working directory, environment, stdin closed at once,
/// stdout and stderr piped into capped captures, no validation of the exit code). What it does not do is this layer's:
/// </para>
/// <list type="bullet">
/// <item>On Linux each program is started through <c>setsid</c> as the leader of its own process group. When the program
/// exits, is cancelled or times out, everything in that group is killed with SIGKILL — CliWrap's own cancellation kills the
/// tree by parent id only and misses a grandchild whose parent already exited — so it is never given a token.</item>
/// <item>A spec with <see cref="ProcessSpec.DieWithParent"/> is started on <see cref="ProcessSpawner"/>'s thread, which
/// lives as long as this process (CliWrap forks synchronously inside <c>ExecuteAsync</c>, on the calling thread).</item>
/// <item>A spec without <see cref="ProcessSpec.InheritEnvironment"/> gets exactly its variables: CliWrap can only set or remove
/// named variables on top of this process's environment, so the inherited rest is removed from the start info.</item>
/// <item>Output a background process outside the group keeps open does not keep the run waiting: after the program ended, the
/// pipes get a short grace period and are then abandoned (CliWrap on its own waits for them to close).</item>
/// </list>
/// </remarks>
public sealed class ProcessRunner : IProcessRunner
{
    /// <summary>How long to wait for the output pipes to close after the program ended.</summary>
    private static readonly TimeSpan _outputDrainGrace = TimeSpan.FromSeconds(2);

    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a runner; <paramref name="timeProvider"/> drives timeouts and durations (default: the system clock).</summary>
    public ProcessRunner(TimeProvider? timeProvider = null) => _timeProvider = timeProvider ?? TimeProvider.System;

    /// <inheritdoc />
    public async Task<ProcessOutcome> RunAsync(ProcessSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentException.ThrowIfNullOrWhiteSpace(spec.FileName);
        ArgumentException.ThrowIfNullOrWhiteSpace(spec.WorkingDirectory);
        ArgumentOutOfRangeException.ThrowIfNegative(spec.OutputLimitBytes);
        if (spec.Timeout is { } limit)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(limit, TimeSpan.Zero);
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (!Directory.Exists(spec.WorkingDirectory))
        {
            throw new DirectoryNotFoundException($"The working directory '{spec.WorkingDirectory}' does not exist.");
        }

        var environment = ChildEnvironment.For(spec);
        var program = ExecutableLocator.Resolve(spec.FileName, spec.WorkingDirectory, environment.Path);
        var setsid = ProcessGroup.SetsidPath;
        var ownsGroup = setsid is not null;
        var stdout = new OutputCapture(spec.OutputLimitBytes, spec.OnStdoutLine);
        var stderr = new OutputCapture(spec.OutputLimitBytes, spec.OnStderrLine);
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var command = Cli.Wrap(setsid ?? program)
            .WithArguments(setsid is null ? spec.Arguments : [program, .. spec.Arguments])
            .WithWorkingDirectory(spec.WorkingDirectory)
            .WithEnvironmentVariables(environment.Variables)
            .WithStandardInputPipe(PipeSource.Null)
            .WithStandardOutputPipe(Capture(stdout, ended.Task))
            .WithStandardErrorPipe(Capture(stderr, ended.Task))
            .WithValidation(CommandResultValidation.None);

        Process? process = null;
        CommandTask<CommandResult> execution;
        var started = _timeProvider.GetTimestamp();
        try
        {
            // No token for CliWrap: cancellation and timeouts kill the whole group here (see the remarks).
            CommandTask<CommandResult> Start() =>
                command.ExecuteAsync(info => environment.RemoveInherited(info.Environment), p => process = p, CancellationToken.None, CancellationToken.None);
            execution = spec.DieWithParent ? await ProcessSpawner.StartAsync(Start) : Start();
        }
        catch (Win32Exception ex)
        {
            throw new FileNotFoundException($"The program '{spec.FileName}' could not be started: {ex.Message}", spec.FileName, ex);
        }

        bool timedOut, cancelled;
        TimeSpan duration;
        var sampler = spec.MeasureResources && ProcessTreeSampler.Supported ? new ProcessTreeSampler(execution.ProcessId) : null;
        using var stopSampling = new CancellationTokenSource();
        var sampling = sampler?.RunAsync(spec.MeasureInterval, _timeProvider, stopSampling.Token) ?? Task.CompletedTask;
        try
        {
            if (spec.RecordFile is { } recordFile)
            {
                ProcessRecord.Write(recordFile, execution.ProcessId);
            }

            (timedOut, cancelled) = await WaitForExitOrKillAsync(process!, spec.Timeout, ownsGroup, cancellationToken);
            duration = _timeProvider.GetElapsedTime(started);
        }
        finally
        {
            await stopSampling.CancelAsync();
            await sampling;
            if (ownsGroup)
            {
                ProcessGroup.KillGroup(execution.ProcessId);
            }

            if (spec.RecordFile is { } record)
            {
                ProcessRecord.Remove(record, execution.ProcessId);
            }

            ended.TrySetResult();
        }

        var result = await execution;
        if (cancelled)
        {
            throw new OperationCanceledException($"'{spec.FileName}' was cancelled and its process tree killed.", cancellationToken);
        }

        stdout.ThrowIfCallbackFailed();
        stderr.ThrowIfCallbackFailed();
        return new ProcessOutcome(result.ExitCode, stdout.Text, stderr.Text, timedOut, stdout.Truncated || stderr.Truncated, duration)
        {
            Resources = sampler?.Result,
        };
    }

    private async Task<(bool TimedOut, bool Cancelled)> WaitForExitOrKillAsync(
        Process process, TimeSpan? timeout, bool ownsGroup, CancellationToken cancellationToken)
    {
        using var timeoutSource = new CancellationTokenSource(timeout ?? Timeout.InfiniteTimeSpan, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        try
        {
            await process.WaitForExitAsync(linked.Token);
            return (false, false);
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            ProcessGroup.KillAll(process, ownsGroup);
            await process.WaitForExitAsync(CancellationToken.None);
            var cancelled = cancellationToken.IsCancellationRequested;
            return (!cancelled, cancelled);
        }
    }

    /// <summary>A pipe target that reads into <paramref name="capture"/>, and returns once <paramref name="ended"/> (the program
    /// exited and its group was killed) and the stream ended, or a grace period after that when something outside the group
    /// still holds the pipe. Waiting for <paramref name="ended"/> also keeps CliWrap from disposing the process while this
    /// runner still waits on it or kills it.</summary>
    private PipeTarget Capture(OutputCapture capture, Task ended) => PipeTarget.Create(async (stream, _) =>
    {
        var pump = Task.Run(() => capture.PumpAsync(stream), CancellationToken.None);
        await ended.ConfigureAwait(false);
        try
        {
            await pump.WaitAsync(_outputDrainGrace, _timeProvider, CancellationToken.None).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Something outside the process group still holds the pipe; keep what was read and move on.
        }
    });
}

using System.ComponentModel;
using System.Diagnostics;
using Nexus.Agents.Sandboxing;

namespace Nexus.Agents.Processes;

/// <summary>Runs programs with <see cref="Process"/>, killing the whole process tree on timeout or cancellation.</summary>
/// <remarks>
/// On Linux each program is started through <c>setsid</c> as the leader of its own process group. When the program
/// exits, anything it left running in that group is killed as well, so a run never leaks background processes and
/// a background child that still holds the output pipes cannot keep the run waiting.
/// </remarks>
public sealed class ProcessRunner : IProcessRunner
{
    /// <summary>How long to wait for the output pipes to close after the program ended.</summary>
    private static readonly TimeSpan _outputDrainGrace = TimeSpan.FromSeconds(2);

    /// <summary>What a child without <see cref="ProcessSpec.InheritEnvironment"/> keeps of this process's environment.</summary>
    private static readonly string[] _minimalVariables = [.. AgentEnvironment.BasicNames, "HOME", "TMPDIR"];

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

        var startInfo = CreateStartInfo(spec, out var ownsGroup);
        using var process = new Process { StartInfo = startInfo };
        var started = _timeProvider.GetTimestamp();
        try
        {
            if (spec.DieWithParent)
            {
                await ProcessSpawner.StartAsync(process);
            }
            else
            {
                process.Start();
            }
        }
        catch (Win32Exception ex)
        {
            throw new FileNotFoundException($"The program '{spec.FileName}' could not be started: {ex.Message}", spec.FileName, ex);
        }

        if (spec.RecordFile is { } recordFile)
        {
            ProcessRecord.Write(recordFile, process.Id);
        }

        process.StandardInput.Close();
        var stdout = new OutputCapture(spec.OutputLimitBytes, spec.OnStdoutLine);
        var stderr = new OutputCapture(spec.OutputLimitBytes, spec.OnStderrLine);
        var pumps = Task.WhenAll(
            Task.Run(() => stdout.PumpAsync(process.StandardOutput.BaseStream), CancellationToken.None),
            Task.Run(() => stderr.PumpAsync(process.StandardError.BaseStream), CancellationToken.None));

        var (timedOut, cancelled) = await WaitForExitOrKillAsync(process, spec.Timeout, ownsGroup, cancellationToken);
        var duration = _timeProvider.GetElapsedTime(started);
        if (ownsGroup)
        {
            ProcessGroup.KillGroup(process.Id);
        }

        if (spec.RecordFile is { } record)
        {
            ProcessRecord.Remove(record, process.Id);
        }

        await DrainAsync(pumps);
        if (cancelled)
        {
            throw new OperationCanceledException($"'{spec.FileName}' was cancelled and its process tree killed.", cancellationToken);
        }

        stdout.ThrowIfCallbackFailed();
        stderr.ThrowIfCallbackFailed();
        return new ProcessOutcome(process.ExitCode, stdout.Text, stderr.Text, timedOut, stdout.Truncated || stderr.Truncated, duration);
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

    private async Task DrainAsync(Task pumps)
    {
        try
        {
            await pumps.WaitAsync(_outputDrainGrace, _timeProvider);
        }
        catch (TimeoutException)
        {
            // Something outside the process group still holds the pipes; keep what was read and move on.
        }
    }

    private static ProcessStartInfo CreateStartInfo(ProcessSpec spec, out bool ownsGroup)
    {
        var startInfo = new ProcessStartInfo
        {
            WorkingDirectory = spec.WorkingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
        };

        var environment = startInfo.Environment;
        if (!spec.InheritEnvironment)
        {
            var kept = _minimalVariables
                .Select(name => (Name: name, Value: environment.TryGetValue(name, out var value) ? value : null))
                .Where(pair => pair.Value is not null)
                .ToList();
            environment.Clear();
            foreach (var (name, value) in kept)
            {
                environment[name] = value;
            }
        }

        foreach (var (name, value) in spec.Environment)
        {
            if (value is null)
            {
                environment.Remove(name);
            }
            else
            {
                environment[name] = value;
            }
        }

        var program = ExecutableLocator.Resolve(
            spec.FileName, spec.WorkingDirectory, environment.TryGetValue("PATH", out var path) ? path : null);
        var setsid = ProcessGroup.SetsidPath;
        ownsGroup = setsid is not null;
        if (setsid is null)
        {
            startInfo.FileName = program;
        }
        else
        {
            startInfo.FileName = setsid;
            startInfo.ArgumentList.Add(program);
        }

        foreach (var argument in spec.Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        return startInfo;
    }
}

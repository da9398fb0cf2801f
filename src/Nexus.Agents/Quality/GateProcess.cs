using Nexus.Agents.Processes;
using Nexus.Agents.Sandboxing;

namespace Nexus.Agents.Quality;

/// <summary>Runs a measuring tool the way the QA gate runs every one: inside the step's sandbox when there is one
/// (allow-listed environment, no secrets), with only the given variables otherwise, under a time limit.</summary>
internal static class GateProcess
{
    /// <summary>How long one tool may run (a coverage run runs the whole test suite).</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    /// <summary>Runs <paramref name="fileName"/> with <paramref name="arguments"/> in <paramref name="root"/>;
    /// <see langword="null"/> when the program is not installed.</summary>
    public static async Task<ProcessOutcome?> RunAsync(
        IProcessRunner runner,
        string fileName,
        IReadOnlyList<string> arguments,
        string root,
        IReadOnlyDictionary<string, string?> environment,
        IProcessSandbox? sandbox,
        CancellationToken cancellationToken)
    {
        var spec = new ProcessSpec
        {
            FileName = fileName,
            Arguments = arguments,
            WorkingDirectory = root,
            Environment = environment,
            InheritEnvironment = false,
            Timeout = Timeout,
        };
        try
        {
            return await runner.RunAsync(sandbox?.Apply(spec) ?? spec, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Why a coverage run that ended with <paramref name="outcome"/> is incomplete, or <see langword="null"/>.</summary>
    public static string? Failure(ProcessOutcome outcome) =>
        outcome.TimedOut ? $"the coverage run timed out after {Timeout.TotalMinutes:0} minutes"
        : outcome.ExitCode != 0 ? $"the tests failed under coverage (exit code {outcome.ExitCode})"
        : null;
}

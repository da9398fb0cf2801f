namespace Nexus.Agents.Processes;

/// <summary>Runs a program to completion and captures its output. The seam behind git, test commands and agent CLIs.</summary>
/// <remarks>
/// Contract:
/// <list type="bullet">
/// <item>Standard input is redirected and closed at once, so a program that reads stdin sees end-of-file instead of hanging.</item>
/// <item>A program that does not exist (or a working directory that does not exist) throws <see cref="FileNotFoundException"/>
/// (<see cref="DirectoryNotFoundException"/>) naming it, before anything runs.</item>
/// <item>On timeout the whole process tree — including grandchildren started in the background by a shell — is killed
/// and the outcome has <see cref="ProcessOutcome.TimedOut"/> set; this is not an exception.</item>
/// <item>On cancellation the whole process tree is killed and then <see cref="OperationCanceledException"/> is thrown.</item>
/// <item>A non-zero exit code is not an exception; callers decide what it means.</item>
/// </list>
/// </remarks>
public interface IProcessRunner
{
    /// <summary>Runs <paramref name="spec"/> and waits for it (and its output) to finish; see the interface remarks.</summary>
    Task<ProcessOutcome> RunAsync(ProcessSpec spec, CancellationToken cancellationToken = default);
}

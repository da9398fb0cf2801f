namespace Nexus.Agents.Testing;

/// <summary>Runs a workspace's tests for real and reports what happened.</summary>
/// <remarks>
/// Failing tests, a command that is missing or a timeout are results, not exceptions
/// (<see cref="TestRunResult.Succeeded"/> is <see langword="false"/>). Only cancellation throws
/// (<see cref="OperationCanceledException"/>, after the process tree was killed) and invalid arguments.
/// The test process never sees NEXUS's own secrets (see <see cref="TestRunner"/>).
/// </remarks>
public interface ITestRunner
{
    /// <summary>Runs the configured or detected test command in <paramref name="workspaceDirectory"/>.</summary>
    Task<TestRunResult> RunAsync(string workspaceDirectory, TestRunOptions? options = null, CancellationToken cancellationToken = default);
}

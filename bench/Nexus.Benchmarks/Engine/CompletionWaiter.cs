using Microsoft.DurableTask.Client;

namespace Nexus.Benchmarks.Engine;

/// <summary>Waits for an instance to finish through the SDK client (<see cref="DurableTaskClient.WaitForInstanceCompletionAsync(string, bool, CancellationToken)"/>)
/// and fails unless it completed. NEXUS's client joins the store's change notification before it reads the status, so a
/// completion is seen the moment it commits.</summary>
internal static class CompletionWaiter
{
    public static async Task<OrchestrationMetadata> WaitAsync(
        DurableTaskClient client, string instanceId, CancellationToken cancellationToken, bool getOutput = false)
    {
        var done = await client.WaitForInstanceCompletionAsync(instanceId, getOutput, cancellationToken);
        return done.RuntimeStatus == OrchestrationRuntimeStatus.Completed
            ? done
            : throw new InvalidOperationException($"Instance {instanceId} ended {done.RuntimeStatus}: {done.FailureDetails?.ErrorMessage}");
    }
}

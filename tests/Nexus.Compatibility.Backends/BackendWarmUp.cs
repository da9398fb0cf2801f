using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Nexus.Compatibility.Backends;

/// <summary>The tiny orchestration every backend runs once in its start, so that a started backend has proven the whole
/// path (client, store, worker, runner) and has its code warm before anything is timed.</summary>
public static class BackendWarmUp
{
    /// <summary>The orchestration's name (registered beside the scenarios by each backend).</summary>
    public const string OrchestrationName = "CompatibilityWarmUp";

    /// <summary>How long a backend's first orchestration may take (Azure Storage takes its partition lease first).</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>Adds the warm-up orchestration to <paramref name="registry"/>.</summary>
    public static void Register(DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.AddOrchestratorFunc<string>(OrchestrationName, _ => "ready");
    }

    /// <summary>Runs the warm-up orchestration through <paramref name="client"/> and waits (polling) until it completed.</summary>
    public static async Task RunAsync(DurableTaskClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        string instanceId = await client.ScheduleNewOrchestrationInstanceAsync(OrchestrationName, cancellationToken);
        OrchestrationMetadata done = await client.WaitUntilAsync(instanceId, m => m.IsCompleted, "completed", Timeout, cancellationToken);
        if (done.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
        {
            throw new InvalidOperationException($"The warm-up orchestration ended {done.RuntimeStatus}: {done.FailureDetails?.ErrorMessage}");
        }
    }
}

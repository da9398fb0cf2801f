using Microsoft.DurableTask.Client;
using Nexus.Compatibility.Backends;

namespace Nexus.Benchmarks.Compare;

/// <summary>A compatibility-suite backend as a benchmark stack. Completion is awaited with the client's own
/// <see cref="DurableTaskClient.WaitForInstanceCompletionAsync(string, bool, CancellationToken)"/>, or — for Azure Storage,
/// whose wait returns on a 2 s cycle — by polling <see cref="DurableTaskClient.GetInstanceAsync(string, bool, CancellationToken)"/>.</summary>
internal sealed class BackendStack(string name, ICompatibilityBackend backend, TimeSpan? pollEvery) : IBenchStack
{
    private static readonly TimeSpan FinePoll = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);

    public string Name { get; } = name;

    public DurableTaskClient Client => backend.Client;

    public string Waiting => pollEvery is { } every ? $"poll {every.TotalMilliseconds:0} ms ({FinePoll.TotalMilliseconds:0} ms for W2/W3)" : "client wait";

    public static async Task<BackendStack> StartAsync(string name, ICompatibilityBackend backend, TimeSpan? pollEvery, CancellationToken cancellationToken)
    {
        try
        {
            await backend.StartAsync(cancellationToken);
            return new BackendStack(name, backend, pollEvery);
        }
        catch
        {
            await backend.DisposeAsync();
            throw;
        }
    }

    public async Task WaitForCompletionAsync(string instanceId, bool latencyCritical, CancellationToken cancellationToken)
    {
        OrchestrationMetadata done;
        if (pollEvery is not { } every)
        {
            done = await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: false, cancellationToken);
        }
        else
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(Limit);
            using var ticks = new PeriodicTimer(latencyCritical ? FinePoll : every);
            while (true)
            {
                var instance = await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, limit.Token);
                if (instance is { IsCompleted: true })
                {
                    done = instance;
                    break;
                }

                await ticks.WaitForNextTickAsync(limit.Token);
            }
        }

        if (done.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
        {
            throw new InvalidOperationException($"{Name}: instance {instanceId} ended {done.RuntimeStatus}: {done.FailureDetails?.ErrorMessage}");
        }
    }

    public ValueTask DisposeAsync() => backend.DisposeAsync();
}

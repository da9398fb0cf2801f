using Nexus.Durable.Client;
using Nexus.Durable.History;
using Nexus.Durable.Storage;
using Shouldly;
using Xunit;
using SdkStatus = Microsoft.DurableTask.Client.OrchestrationRuntimeStatus;
using StartOrchestrationOptions = Microsoft.DurableTask.StartOrchestrationOptions;

namespace Nexus.Durable.Tests.Recovery;

/// <summary>While a worker process runs orchestrations, this process reads the same SQLite file through its own store.</summary>
public sealed class SecondProcessReadTests : IDisposable
{
    private const int Instances = 6;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(25);
    private readonly RecoveryWorkspace _workspace = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task SecondProcess_ReadsStatusWhileWorkerRuns()
    {
        await using var store = _workspace.OpenStore();
        await store.InitializeAsync(Ct);
        await using var client = new NexusDurableTaskClient("recovery-test", store);
        await using var worker = await TestWorkerProcess.StartAsync(_workspace, ["--lease-seconds", "5", "--step-delay-ms", "40"], cancellationToken: Ct);
        for (var i = 0; i < Instances; i++)
        {
            await client.ScheduleNewOrchestrationInstanceAsync("FiveSteps", new StartOrchestrationOptions($"read-{i}"), Ct);
        }

        var lastHistory = new Dictionary<string, int>(StringComparer.Ordinal);
        var lastStatus = new Dictionary<string, OrchestrationRuntimeStatus>(StringComparer.Ordinal);
        var partialProgressSeen = 0;
        var rounds = 0;
        var deadline = DateTime.UtcNow + Deadline;
        while (true)
        {
            rounds++;
            var page = await store.QueryInstancesAsync(new InstanceQuery { InstanceIdPrefix = "read-" }, Ct);
            page.Instances.Count.ShouldBe(Instances);
            foreach (var listed in page.Instances)
            {
                var record = (await store.GetInstanceAsync(listed.InstanceId, Ct)).ShouldNotBeNull();
                var history = await store.GetHistoryAsync(listed.InstanceId, Ct);
                var completedSteps = history.Count(e => e.Kind == EventKind.TaskCompleted);
                Rank(record.RuntimeStatus).ShouldBeGreaterThanOrEqualTo(Rank(lastStatus.GetValueOrDefault(listed.InstanceId)), $"{listed.InstanceId} went back to {record.RuntimeStatus}");
                history.Count.ShouldBeGreaterThanOrEqualTo(lastHistory.GetValueOrDefault(listed.InstanceId), $"{listed.InstanceId}'s history shrank");
                lastStatus[listed.InstanceId] = record.RuntimeStatus;
                lastHistory[listed.InstanceId] = history.Count;
                if (record.RuntimeStatus == OrchestrationRuntimeStatus.Running && completedSteps is > 0 and < 5)
                {
                    partialProgressSeen++;
                }
            }

            if (page.Instances.All(r => r.RuntimeStatus == OrchestrationRuntimeStatus.Completed))
            {
                break;
            }

            DateTime.UtcNow.ShouldBeLessThan(deadline, $"not all instances completed: {string.Join(", ", lastStatus)}\n{worker.Output}");
        }

        partialProgressSeen.ShouldBeGreaterThan(0, "the reader saw instances between their first and last step");
        rounds.ShouldBeGreaterThan(3);
        var running = await client.ListInstanceIdsAsync([SdkStatus.Running, SdkStatus.Pending], cancellation: Ct);
        running.Values.ShouldBeEmpty();
        for (var i = 0; i < Instances; i++)
        {
            var final = (await client.GetInstanceAsync($"read-{i}", getInputsAndOutputs: true, Ct)).ShouldNotBeNull();
            final.ReadOutputAs<int>().ShouldBe(15);
            (await store.GetHistoryAsync($"read-{i}", Ct)).Count(e => e.Kind == EventKind.TaskCompleted).ShouldBe(5);
        }

        await worker.StopAsync();
        worker.ExitCode.ShouldBe(0, worker.Output);
    }

    private static int Rank(OrchestrationRuntimeStatus status) => status switch
    {
        OrchestrationRuntimeStatus.Pending => 0,
        OrchestrationRuntimeStatus.Running => 1,
        _ => 2,
    };
}

using Nexus.Durable.Client;
using Shouldly;
using Xunit;

namespace Nexus.Durable.Tests.Recovery;

/// <summary>An activity that kills its worker process every time is parked as poison after the dequeue limit; work
/// scheduled alongside it still completes.</summary>
public sealed class PoisonProcessTests : IDisposable
{
    private const int MaxDequeueCount = 3;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(25);
    private readonly RecoveryWorkspace _workspace = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task Poison_ActivityThatCrashesTheProcess_IsParkedAfterLimit()
    {
        await using var store = _workspace.OpenStore();
        await store.InitializeAsync(Ct);
        var client = new DurableClient(store);
        var crashId = await client.ScheduleNewOrchestrationInstanceAsync("CallCrash", options: new StartOrchestrationOptions { InstanceId = "poison-crash" }, cancellationToken: Ct);
        var normalId = await client.ScheduleNewOrchestrationInstanceAsync("FiveSteps", options: new StartOrchestrationOptions { InstanceId = "poison-normal" }, cancellationToken: Ct);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(Deadline);
        var crashFinished = client.WaitForInstanceCompletionAsync(crashId, cancellationToken: deadline.Token);

        var deadPids = new List<int>();
        TestWorkerProcess? survivor = null;
        try
        {
            while (survivor is null)
            {
                var worker = await TestWorkerProcess.StartAsync(_workspace, ["--lease-seconds", "1", "--max-dequeue", $"{MaxDequeueCount}"], deadline.Token);
                if (await Task.WhenAny(worker.Exited, crashFinished).WaitAsync(deadline.Token) == crashFinished)
                {
                    survivor = worker;
                    break;
                }

                deadPids.Add(worker.Pid);
                var output = worker.Output;
                await worker.DisposeAsync();
                deadPids.Count.ShouldBeLessThanOrEqualTo(MaxDequeueCount, $"more crashes than the dequeue limit allows.\nEffects:\n{_workspace.EffectsText}\nLast worker:\n{output}");
            }

            var crashed = await crashFinished;
            var normal = await client.WaitForInstanceCompletionAsync(normalId, cancellationToken: deadline.Token);

            crashed.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Failed);
            var message = crashed.FailureDetails.ShouldNotBeNull().ToString();
            message.ShouldContain("Activity 'Crash'");
            message.ShouldContain($"parked as poison after {MaxDequeueCount} attempts (limit {MaxDequeueCount})");
            message.ShouldContain("lease expired every time without a result");
            deadPids.Count.ShouldBe(MaxDequeueCount);

            var poison = (await store.GetPoisonAsync(Ct)).ShouldHaveSingleItem();
            poison.InstanceId.ShouldBe(crashId);
            poison.WorkType.ShouldBe("activity");
            poison.Name.ShouldBe("Crash");
            poison.Reason.ShouldContain("poison");

            var crashes = _workspace.ReadEffects().Where(e => e.Kind == "crash").ToList();
            crashes.Select(e => e.Number).ShouldBe([1, 2, 3], "each delivery was attempt n of the same activity");
            crashes.Select(e => e.Pid).ShouldBe(deadPids, "each delivery killed the worker that took it");

            normal.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, _workspace.EffectsText);
            normal.ReadOutputAs<int>().ShouldBe(15);

            await survivor.StopAsync();
            survivor.ExitCode.ShouldBe(0, survivor.Output);
        }
        finally
        {
            if (survivor is not null)
            {
                await survivor.DisposeAsync();
            }
        }
    }
}

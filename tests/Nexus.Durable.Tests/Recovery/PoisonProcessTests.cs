using Nexus.Durable.Client;
using Shouldly;
using Xunit;
using SdkStatus = Microsoft.DurableTask.Client.OrchestrationRuntimeStatus;
using StartOrchestrationOptions = Microsoft.DurableTask.StartOrchestrationOptions;

namespace Nexus.Durable.Tests.Recovery;

/// <summary>An activity that kills its worker process every time is parked as poison after the dequeue limit; work
/// scheduled while it is being redelivered still completes.</summary>
public sealed class PoisonProcessTests : IDisposable
{
    private const int MaxDequeueCount = 3;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(45);
    private readonly RecoveryWorkspace _workspace = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task Poison_ActivityThatCrashesTheProcess_IsParkedAfterLimit()
    {
        await using var store = _workspace.OpenStore();
        await store.InitializeAsync(Ct);
        await using var client = new NexusDurableTaskClient("recovery-test", store);
        var crashId = await client.ScheduleNewOrchestrationInstanceAsync("CallCrash", new StartOrchestrationOptions("poison-crash"), Ct);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(Deadline);
        var crashFinished = client.WaitForInstanceCompletionAsync(crashId, deadline.Token);

        var deadPids = new List<int>();
        string? normalId = null;
        TestWorkerProcess? survivor = null;
        try
        {
            while (survivor is null)
            {
                var worker = await TestWorkerProcess.StartAsync(_workspace, ["--lease-seconds", "2", "--max-dequeue", $"{MaxDequeueCount}"], waitForReady: false, cancellationToken: deadline.Token);
                if (await Task.WhenAny(worker.Exited, crashFinished).WaitAsync(deadline.Token) == crashFinished)
                {
                    survivor = worker;
                    break;
                }

                deadPids.Add(worker.Pid);
                if (deadPids.Count == 1)
                {
                    // Healthy work joins while the poison item is still being redelivered. Any item a dying process held
                    // is charged a delivery too (the engine cannot tell whose fault the crash was), so it joins after
                    // the first crash: it can then be held by at most the remaining limit - 1 crashes and is never parked.
                    normalId = await client.ScheduleNewOrchestrationInstanceAsync("FiveSteps", new StartOrchestrationOptions("poison-normal"), Ct);
                }

                var output = worker.Output;
                await worker.DisposeAsync();
                deadPids.Count.ShouldBeLessThanOrEqualTo(2 * MaxDequeueCount, $"the crashing activity was never parked.\nEffects:\n{_workspace.EffectsText}\nLast worker:\n{output}");
            }

            var crashed = await crashFinished;
            normalId.ShouldNotBeNull("the crashing activity never killed a worker");
            var normal = await client.WaitForInstanceCompletionAsync(normalId, getInputsAndOutputs: true, deadline.Token);
            var crashes = _workspace.ReadEffects().Where(e => e.Kind == "crash").ToList();
            var poison = (await store.GetPoisonAsync(Ct)).ShouldHaveSingleItem();
            var message = crashed.FailureDetails?.InnerFailure?.ErrorMessage ?? crashed.FailureDetails?.ErrorMessage ?? "(no failure details)";
            var context = $"Failure: {message}\nPoison: {poison}\nDead workers: {string.Join(", ", deadPids)}\nEffects:\n{_workspace.EffectsText}";

            // Each delivery ran the activity (one effects line) and died; the delivery after the limit parked it.
            // Normally that is exactly MaxDequeueCount deliveries in as many processes; a worker starved past its lease
            // could take the item twice, so the counts are tied to each other rather than to the limit alone.
            var attempts = poison.DequeueCount - 1;
            attempts.ShouldBeGreaterThanOrEqualTo(MaxDequeueCount, context);
            crashes.Select(e => e.Number).ShouldBe(Enumerable.Range(1, attempts), context);
            crashes.Select(e => e.Pid).Distinct().ShouldBe(deadPids, context);
            crashed.RuntimeStatus.ShouldBe(SdkStatus.Failed, context);
            message.ShouldContain("Activity 'Crash'", Case.Sensitive, context);
            message.ShouldContain($"parked as poison after {attempts} attempts (limit {MaxDequeueCount})", Case.Sensitive, context);
            message.ShouldContain("lease expired every time without a result", Case.Sensitive, context);
            poison.InstanceId.ShouldBe(crashId);
            poison.WorkType.ShouldBe("activity");
            poison.Name.ShouldBe("Crash");
            poison.Reason.ShouldContain("parked as poison", Case.Sensitive, context);

            normal.RuntimeStatus.ShouldBe(SdkStatus.Completed, _workspace.EffectsText);
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

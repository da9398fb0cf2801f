using Nexus.Durable.Client;
using Nexus.Durable.History;
using Shouldly;
using Xunit;
using SdkStatus = Microsoft.DurableTask.Client.OrchestrationRuntimeStatus;
using StartOrchestrationOptions = Microsoft.DurableTask.StartOrchestrationOptions;

namespace Nexus.Durable.Tests.Recovery;

/// <summary>A real worker process on a real SQLite file is SIGKILLed in the middle of an activity; a new worker process on
/// the same file finishes the orchestration without re-running the work whose results were recorded.</summary>
public sealed class KillAndRecoverTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);
    private readonly RecoveryWorkspace _workspace = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task KillAndRecover_WorkerKilledMidActivity_NewWorkerFinishes()
    {
        await using var store = _workspace.OpenStore();
        await store.InitializeAsync(Ct);
        await using var client = new NexusDurableTaskClient("recovery-test", store);
        string[] shortLease = ["--lease-seconds", "3"];
        await using var first = await TestWorkerProcess.StartAsync(_workspace, [.. shortLease, "--mode", "block-step3"], cancellationToken: Ct);

        var id = await client.ScheduleNewOrchestrationInstanceAsync("FiveSteps", new StartOrchestrationOptions("kill-and-recover"), Ct);
        await Poll.UntilAsync(
            () => _workspace.ReadEffects().Any(e => e is { Kind: "start", Number: 3 }),
            Deadline,
            () => $"step 3 never started in the first worker.\nEffects:\n{_workspace.EffectsText}\nWorker:\n{first.Output}",
            Ct);
        await first.KillAsync();

        (await client.GetInstanceAsync(id, Ct)).ShouldNotBeNull().RuntimeStatus.ShouldBe(SdkStatus.Running);
        await using var second = await TestWorkerProcess.StartAsync(_workspace, shortLease, cancellationToken: Ct);
        var result = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Ct).WaitAsync(Deadline, Ct);
        var history = await store.GetHistoryAsync(id, Ct);

        var effects = _workspace.ReadEffects();
        var context = $"Effects:\n{_workspace.EffectsText}\nSecond worker:\n{second.Output}";
        result.RuntimeStatus.ShouldBe(SdkStatus.Completed, context);
        result.ReadOutputAs<int>().ShouldBe(15);
        history.Count(e => e.Kind == EventKind.TaskScheduled).ShouldBe(5, "each step is scheduled once, even across the crash");

        int Count(string kind, int step, int? pid = null) => effects.Count(e => e.Kind == kind && e.Number == step && (pid is null || e.Pid == pid));
        foreach (var step in new[] { 1, 2 })
        {
            Count("start", step).ShouldBe(1, $"step {step} finished before the kill and never runs again. {context}");
            Count("done", step, first.Pid).ShouldBe(1, $"step {step} was done by the first worker. {context}");
        }

        Count("start", 3, first.Pid).ShouldBe(1, context);
        Count("start", 3, second.Pid).ShouldBe(1, $"the interrupted step runs again in the new worker. {context}");
        Count("done", 3).ShouldBe(1, context);
        Count("done", 3, second.Pid).ShouldBe(1, context);
        foreach (var step in new[] { 4, 5 })
        {
            Count("start", step, second.Pid).ShouldBe(1, context);
            Count("done", step, second.Pid).ShouldBe(1, context);
            Count("start", step).ShouldBe(1, context);
        }

        effects.Count.ShouldBe(11, context);
        await second.StopAsync();
        second.ExitCode.ShouldBe(0, second.Output);
    }
}

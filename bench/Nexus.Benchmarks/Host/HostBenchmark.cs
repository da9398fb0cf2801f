using System.Globalization;
using Nexus.Durable;
using Nexus.Workflows.Model;

namespace Nexus.Benchmarks.Host;

/// <summary>
/// The HTTP host on loopback: <c>GET /api/projects/{id}</c> under concurrent clients (a finished and a running project),
/// then the delay from a history event's store commit to its arrival on an SSE client. Prints one JSON object per
/// figure, then a table, with the machine's load average at the start and the end.
/// </summary>
internal static class HostBenchmark
{
    private const string FinishedId = "bench-finished";
    private const string RunningId = "bench-running";

    public static async Task RunAsync(HostBenchOptions options, TextWriter output, CancellationToken cancellationToken = default)
    {
        var loadAtStart = LoadAverage.Read();
        await using var host = await BenchHost.StartAsync(cancellationToken: cancellationToken);
        await HostReport.WriteSetupAsync(output, host, options, loadAtStart);

        using var client = host.CreateClient(options.Clients, TimeSpan.FromSeconds(30));
        var demo = new DemoProjects(host.ScenariosDirectory);
        await demo.StartAsync(client, FinishedId, approvePlan: false, cancellationToken);
        var finished = await host.Projects.WaitAsync(FinishedId, cancellationToken);
        if (finished.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
        {
            throw new InvalidOperationException($"The demo project ended {finished.RuntimeStatus}: {finished.Failure?.Message}");
        }

        await demo.StartAsync(client, RunningId, approvePlan: true, cancellationToken);
        await WaitForApprovalGateAsync(host, cancellationToken);

        // Both targets are warmed up before either is measured, so JIT tiering does not favour the one measured second.
        var targets = new[] { ("finished project", $"/api/projects/{FinishedId}"), ("running project", $"/api/projects/{RunningId}") };
        var (warmup, rounds) = await LoadRun.WarmUpAsync(client, [.. targets.Select(t => t.Item2)], options, cancellationToken);
        await output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture, $"warm-up: {warmup:0.0} s over both targets; methods the JIT compiled per round (1 s per target): {string.Join(' ', rounds)}"));

        var loads = new List<LoadResult>();
        foreach (var (target, path) in targets)
        {
            loads.Add(await LoadRun.RunAsync(client, target, path, options, cancellationToken));
        }

        foreach (var load in loads)
        {
            await output.WriteLineAsync(HostReport.Json(load));
        }

        var sse = await SseDelayRun.RunAsync(host, options, cancellationToken);
        await output.WriteLineAsync(HostReport.Json(sse, host.Recorder));
        await HostReport.WriteTableAsync(output, loads, sse, host.Recorder, options, loadAtStart, LoadAverage.Read());
    }

    private static async Task WaitForApprovalGateAsync(BenchHost host, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(TimeSpan.FromMinutes(2));
        while (await host.Projects.GetAsync(RunningId, cancellationToken: bounded.Token) is { } view
               && view.Status?.Phase != ProjectPhases.Approval)
        {
            if (view.RuntimeStatus.IsTerminal())
            {
                throw new InvalidOperationException($"The approval project ended {view.RuntimeStatus} before the gate.");
            }

            await host.Projects.WaitForChangeAsync(RunningId, TimeSpan.FromSeconds(1), bounded.Token);
        }
    }
}

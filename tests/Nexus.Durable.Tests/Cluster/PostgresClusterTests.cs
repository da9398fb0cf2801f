using System.Globalization;
using Nexus.Durable.Client;
using Nexus.Durable.Tests.Recovery;
using Nexus.Testing.Postgres;
using Npgsql;
using Shouldly;
using Xunit;
using SdkStatus = Microsoft.DurableTask.Client.OrchestrationRuntimeStatus;
using StartOrchestrationOptions = Microsoft.DurableTask.StartOrchestrationOptions;

namespace Nexus.Durable.Tests.Cluster;

/// <summary>Scale-out on a real PostgreSQL server: several real worker processes share one schema; one is SIGKILLed in the
/// middle of its activities and the others take its work over when its leases expire.</summary>
public sealed class PostgresClusterTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ThreeWorkers_TwoHundredOrchestrationsOfFiveActivities_EveryActivityRunsExactlyOnce()
    {
        await using var cluster = await ClusterWorkspace.CreateAsync("cluster", Ct);
        var client = cluster.Client;
        await cluster.StartWorkersAsync(3, ["--lease-seconds", "10"], Ct);

        var ids = await StartFiveStepsAsync(client, "many", 200);
        await AllCompleteAsync(client, ids, cluster);

        var effects = cluster.ReadEffects();
        foreach (var id in ids)
        {
            for (var n = 1; n <= 5; n++)
            {
                var runs = effects.Count(e => e.Kind == "start" && e.InstanceId == id && e.Number == n);
                runs.ShouldBe(1, $"{id} step {n} ran {runs} times although no worker died: {string.Join(" | ", effects.Where(e => e.InstanceId == id).Select(e => $"{e.Kind} {e.Number} {e.Pid}"))}\n{cluster.Describe()}");
            }
        }

        effects.Count(e => e.Kind == "done").ShouldBe(1000);
        var perWorker = cluster.Workers.Select(w => effects.Count(e => e.Kind == "done" && e.Pid == w.Pid)).ToList();
        perWorker.Count(count => count > 0).ShouldBeGreaterThanOrEqualTo(2, $"the work was shared: activities per worker {string.Join(", ", perWorker)}");
        foreach (var worker in cluster.Workers)
        {
            await worker.StopAsync();
        }
    }

    [Fact]
    public async Task ThreeWorkers_OneKilledMidActivity_TheOthersFinishItsWorkAfterItsLeasesExpire()
    {
        await using var cluster = await ClusterWorkspace.CreateAsync("cluster", Ct);
        var client = cluster.Client;
        await cluster.StartWorkersAsync(3, ["--lease-seconds", "3", "--mode", "block-step3"], Ct);

        var ids = await StartFiveStepsAsync(client, "kill", 12);

        // Every instance is now blocked in step 3 somewhere; the worker holding the most of them is the victim.
        await Poll.UntilAsync(
            () => cluster.ReadEffects().Where(e => e is { Kind: "start", Number: 3 }).Select(e => e.InstanceId).Distinct().Count() == ids.Count,
            Deadline,
            () => $"not every instance reached step 3.\n{cluster.Describe()}",
            Ct);
        var blocked = cluster.ReadEffects().Where(e => e is { Kind: "start", Number: 3 }).ToList();
        var victim = cluster.Workers.MaxBy(w => blocked.Count(e => e.Pid == w.Pid))!;
        var victimsInstances = blocked.Where(e => e.Pid == victim.Pid).Select(e => e.InstanceId).ToHashSet(StringComparer.Ordinal);
        victimsInstances.ShouldNotBeEmpty();

        await victim.KillAsync();
        foreach (var file in Directory.EnumerateFiles(cluster.Directory, "effects-*.log"))
        {
            await File.WriteAllTextAsync(file + ".release", "go", Ct);
        }

        await AllCompleteAsync(client, ids, cluster);

        var effects = cluster.ReadEffects();
        var context = $"victim pid {victim.Pid} held {string.Join(", ", victimsInstances)}\n{cluster.Describe(80)}";
        int Runs(string id, int n, Func<int, bool> pid) => effects.Count(e => e.Kind == "start" && e.InstanceId == id && e.Number == n && pid(e.Pid));
        foreach (var id in ids)
        {
            Runs(id, 1, _ => true).ShouldBe(1, $"{id} step 1 finished before the kill. {context}");
            Runs(id, 2, _ => true).ShouldBe(1, $"{id} step 2 finished before the kill. {context}");
            Runs(id, 3, pid => pid != victim.Pid).ShouldBe(1, $"{id} step 3 runs once on a surviving worker. {context}");
            Runs(id, 4, _ => true).ShouldBe(1, $"{id} step 4. {context}");
            Runs(id, 5, _ => true).ShouldBe(1, $"{id} step 5. {context}");
            Runs(id, 4, pid => pid == victim.Pid).ShouldBe(0, context);
        }

        effects.Count(e => e.Kind == "start" && e.Number == 3 && e.Pid == victim.Pid).ShouldBe(victimsInstances.Count, context);
        effects.Count(e => e.Kind == "done" && e.Number == 3 && e.Pid == victim.Pid).ShouldBe(0, "the victim never finished a step 3");
        foreach (var worker in cluster.Workers.Where(w => w != victim))
        {
            await worker.StopAsync();
        }
    }

    [Fact]
    public async Task ThreeWorkersStartAtOnceOnAnEmptyDatabase_MigrationsApplyOnce()
    {
        var server = await PostgresServer.GetAsync();
        var schema = PostgresServer.NewSchemaName("startup"); // does not exist yet: the workers create it
        try
        {
            await using var cluster = new ClusterWorkspace(server.ConnectionString, schema);
            // A worker that failed to migrate (or found a half-made schema) exits before it prints ready: this throws.
            await cluster.StartWorkersAsync(3, ["--lease-seconds", "10"], Ct);

            await using (var connection = new NpgsqlConnection(server.ConnectionString))
            {
                await connection.OpenAsync(Ct);
                await using var command = new NpgsqlCommand($"SELECT version FROM \"{schema}\".schema_version ORDER BY version", connection);
                await using var reader = await command.ExecuteReaderAsync(Ct);
                var versions = new List<int>();
                while (await reader.ReadAsync(Ct))
                {
                    versions.Add(reader.GetInt32(0));
                }

                versions.ShouldBe(Enumerable.Range(1, versions.Count), "each migration recorded once, in order");
                versions.ShouldNotBeEmpty();
            }

            await using var store = cluster.OpenStore();
            await store.InitializeAsync(Ct); // a fourth start finds nothing to do
            await using var client = new NexusDurableTaskClient("cluster-test", store);
            await AllCompleteAsync(client, await StartFiveStepsAsync(client, "startup", 6), cluster);

            foreach (var worker in cluster.Workers)
            {
                worker.Exited.IsCompleted.ShouldBeFalse($"worker {worker.Pid} exited\n{cluster.Describe()}");
                await worker.StopAsync();
            }
        }
        finally
        {
            await server.DropSchemaAsync(schema, CancellationToken.None);
        }
    }

    private static async Task<List<string>> StartFiveStepsAsync(NexusDurableTaskClient client, string prefix, int count)
    {
        var ids = Enumerable.Range(0, count).Select(i => string.Create(CultureInfo.InvariantCulture, $"{prefix}-{i:000}")).ToList();
        foreach (var id in ids)
        {
            await client.ScheduleNewOrchestrationInstanceAsync("FiveSteps", new StartOrchestrationOptions(id), Ct);
        }

        return ids;
    }

    // Every instance completes with FiveSteps' output (1 + 2 + 3 + 4 + 5).
    private static async Task AllCompleteAsync(NexusDurableTaskClient client, IEnumerable<string> ids, ClusterWorkspace cluster)
    {
        foreach (var id in ids)
        {
            var result = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Ct).WaitAsync(Deadline, Ct);
            result.RuntimeStatus.ShouldBe(SdkStatus.Completed, $"{id}: {result.FailureDetails?.ErrorMessage}\n{cluster.Describe()}");
            result.ReadOutputAs<int>().ShouldBe(15);
        }
    }
}

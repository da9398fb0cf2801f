using System.Text.Json;
using Nexus.Cli.Tests.Support;
using Nexus.Durable;
using Nexus.Testing.Postgres;
using Nexus.Workflows.Hosting;
using Nexus.Workflows.Model;
using Shouldly;
using Xunit;
using Nexus.Hosting;

namespace Nexus.Cli.Tests.Cluster;

/// <summary>The real <c>nexus</c> on a real PostgreSQL server: the demo project end to end, worker processes without HTTP
/// carrying a project someone else started, and the store options' usage errors.</summary>
public sealed class PostgresStoreTests : IDisposable
{
    private readonly NexusCli _cli = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _cli.Dispose();

    private static string[] Store(PostgresTestSchema schema) =>
        ["--store", "postgres", "--connection", schema.ConnectionString, "--schema", schema.Name];

    [Fact]
    public async Task Demo_OnPostgres_CompletesAndIsListedFromTheDatabase()
    {
        await using var schema = await (await PostgresServer.GetAsync()).CreateSchemaAsync("clidemo", Ct);

        var demo = await _cli.RunAsync(["demo", "--json", "--id", "pg-demo", .. Store(schema)]);
        var list = await _cli.RunAsync(["list", "--json", .. Store(schema)]);

        demo.ExitCode.ShouldBe(0, demo.Stderr);
        using var report = JsonDocument.Parse(demo.Stdout);
        report.RootElement.GetProperty("runtimeStatus").GetString().ShouldBe("Completed", demo.Stdout);
        list.ExitCode.ShouldBe(0, list.Stderr);
        list.Stdout.ShouldContain("pg-demo");
        (demo.Stdout + demo.Stderr + list.Stdout + list.Stderr).ShouldNotContain(schema.ConnectionString, Case.Sensitive, "the connection string is never printed");
    }

    [Fact]
    public async Task Worker_TwoWorkerProcesses_CarryAProjectStartedByAClientWithoutAWorker()
    {
        await using var schema = await (await PostgresServer.GetAsync()).CreateSchemaAsync("cliworker", Ct);
        await using var first = _cli.Start(["worker", .. Store(schema)]);
        await using var second = _cli.Start(["worker", .. Store(schema)]);
        foreach (var worker in new[] { first, second })
        {
            (await worker.WaitForLineAsync(l => l.StartsWith("nexus worker: taking work from the postgres store", StringComparison.Ordinal), Ct)
                .WaitAsync(NexusCli.Timeout, Ct)).ShouldContain($"schema {schema.Name}");
        }

        var options = new NexusOptions
        {
            DataDirectory = _cli.DataDirectory,
            Store = NexusStoreKind.Postgres,
            Connection = schema.ConnectionString,
            Schema = schema.Name,
            RunWorker = false,
        };
        await using (var client = await NexusRuntime.StartAsync(options, Ct))
        {
            var id = await client.Projects.StartAsync(
                new ProjectRequest { Description = "slugkit on two workers", Provider = "replay", Scenario = "demo", TestCommand = "node --test" },
                "pg-workers",
                Ct);
            var done = await client.Durable.WaitForInstanceCompletionAsync(id, Ct).WaitAsync(NexusCli.Timeout, Ct);
            done.RuntimeStatus.ShouldBe(Microsoft.DurableTask.Client.OrchestrationRuntimeStatus.Completed, $"{done.FailureDetails?.ErrorMessage}\n{first.Stderr}\n{second.Stderr}");
        }

        var status = await _cli.RunAsync(["status", "pg-workers", .. Store(schema)]);
        status.ExitCode.ShouldBe(0, status.Stderr);
        status.Stdout.ShouldContain("Completed");
        foreach (var worker in new[] { first, second })
        {
            await worker.SignalAsync("TERM", Ct);
            var exit = await worker.WaitForExitAsync(Ct).WaitAsync(NexusCli.Timeout, Ct);
            exit.ExitCode.ShouldBe(0, exit.Stderr);
            exit.Stdout.ShouldContain("nexus worker: stopping");
        }
    }

    [Theory]
    [InlineData("postgres", null, "--connection")]
    [InlineData("mongo", "Host=x", "unknown store 'mongo'")]
    public async Task StoreOptions_Invalid_AreAOneLineUsageError(string store, string? connection, string expected)
    {
        string[] arguments = connection is null ? ["worker", "--store", store] : ["worker", "--store", store, "--connection", connection];

        var result = await _cli.RunAsync(arguments, new Dictionary<string, string?> { ["NEXUS_CONNECTION"] = null, ["NEXUS_STORE"] = null });

        result.ExitCode.ShouldBe(2, result.Stderr);
        result.Stderr.ShouldContain(expected);
        result.Stderr.Trim().Split('\n').Length.ShouldBe(1, result.Stderr);
    }
}

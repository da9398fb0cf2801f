using System.Text.Json;
using Nexus.Cli.Tests.Support;
using Nexus.Testing.Postgres;
using Shouldly;
using Xunit;

namespace Nexus.Cli.Tests.Cluster;

/// <summary>The memory across projects on the shared store, through the real <c>nexus</c>: a demo project on PostgreSQL
/// leaves its lessons in the task hub's schema, <c>nexus memory search</c> finds them there, and a purge removes them.</summary>
public sealed class PostgresMemoryTests : IDisposable
{
    private readonly NexusCli _cli = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Demo_OnPostgres_StoresItsLessonsInTheSchema_AndPurgeRemovesThem()
    {
        await using var schema = await (await PostgresServer.GetAsync()).CreateSchemaAsync("climemory", Ct);
        string[] store = ["--store", "postgres", "--connection", schema.ConnectionString, "--schema", schema.Name];

        var demo = await _cli.RunAsync(["demo", "--json", "--id", "pg-memory", .. store]);
        demo.ExitCode.ShouldBe(0, demo.Stderr);
        var found = await _cli.RunAsync(["memory", "search", "slugify maxLength word boundary", "--json", "--limit", "50", .. store]);

        found.ExitCode.ShouldBe(0, found.Stderr);
        using (var json = JsonDocument.Parse(found.Stdout))
        {
            json.RootElement.GetProperty("store").GetString().ShouldBe($"PostgreSQL full-text search (schema {schema.Name})");
            var results = json.RootElement.GetProperty("results").EnumerateArray().ToList();
            results.ShouldNotBeEmpty();
            results.ShouldAllBe(r => r.GetProperty("projectId").GetString() == "pg-memory");
            results.Select(r => r.GetProperty("kind").GetString()).ShouldContain("fix");
        }

        (await _cli.RunAsync(["purge", "pg-memory", .. store])).ExitCode.ShouldBe(0);
        var after = await _cli.RunAsync(["memory", "search", "slugify maxLength word boundary", .. store]);

        after.ExitCode.ShouldBe(0, after.Stderr);
        after.Stdout.ShouldStartWith("nothing in the memory matches");
        (demo.Stdout + found.Stdout + after.Stdout + after.Stderr).ShouldNotContain(schema.ConnectionString, Case.Sensitive, "the connection string is never printed");
    }
}

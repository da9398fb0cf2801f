using System.Net;
using Nexus.Server.Tests.Queue;
using Nexus.Server.Tests.Support;
using Nexus.Testing.Postgres;
using Npgsql;
using Shouldly;
using Nexus.Api.Contract.Support;
using Xunit;
using static Nexus.Api.Contract.Support.Api;

namespace Nexus.Server.Tests.Cluster;

/// <summary>Two hosts (<c>nexus serve --store postgres</c>) on one PostgreSQL schema, each with its own data directory for
/// nothing but its key: a message queued on one is consumed once by the cluster, its project runs to Completed and both
/// hosts answer for it.</summary>
public sealed class PostgresHostTests
{
    [Fact]
    public async Task Queue_TwoHostsOnOneDatabase_MessageStartsOneProjectBothHostsSee()
    {
        await using var schema = await (await PostgresServer.GetAsync()).CreateSchemaAsync("hosts", Ct);
        var shared = NexusAppFactory.NewDataDirectory(); // the shared workspace place of the cluster
        void OnPostgres(Nexus.Server.Hosting.NexusHostOptions options)
        {
            options.Store = "postgres";
            options.Connection = schema.ConnectionString;
            options.Schema = schema.Name;
        }

        await using var first = new NexusAppFactory(shared, OnPostgres);
        await using var second = new NexusAppFactory(shared, OnPostgres);
        using var one = first.CreateApiClient();
        using var two = second.CreateApiClient();
        (await two.GetAsync("/api/projects", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK); // both hosts run

        var messageId = Guid.NewGuid().ToString();
        var envelope = QueueMessages.Envelope(messageId, "high", new Dictionary<string, object?>
        {
            ["description"] = "slugkit from the cluster queue",
            ["id"] = "pg-queued",
            ["provider"] = "replay",
            ["scenario"] = "demo",
            ["test_command"] = "node --test",
        });
        await (await one.PostRawAsync("/api/queue", envelope)).ShouldBeAsync(HttpStatusCode.Accepted);
        await (await two.PostRawAsync("/api/queue", envelope)).ShouldBeAsync(HttpStatusCode.OK); // the same id, seen by the other host

        var record = await SubmissionQueueTests.WaitForStateAsync(two, messageId, "completed");
        record.GetProperty("projectId").GetString().ShouldBe("pg-queued");
        await UntilAsync(
            async () => (await one.GetAsync("/api/projects/pg-queued", Ct)).StatusCode == HttpStatusCode.OK,
            "pg-queued completed",
            TimeSpan.FromMinutes(2));
        var status = await (await two.GetAsync("/api/projects/pg-queued", Ct)).ShouldBeAsync(HttpStatusCode.OK);
        status.GetProperty("runtimeStatus").GetString().ShouldBe("Completed");

        await using var connection = new NpgsqlConnection(schema.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var count = new NpgsqlCommand($"SELECT count(*) FROM \"{schema.Name}\".submissions", connection);
        ((long)(await count.ExecuteScalarAsync(Ct))!).ShouldBe(1, "the queue lives in the database");
        File.Exists(Path.Combine(shared, "submissions.db")).ShouldBeFalse("no SQLite queue next to a PostgreSQL store");
        File.Exists(Path.Combine(shared, "nexus.db")).ShouldBeFalse("no SQLite store either");
    }
}

using Nexus.Durable;
using Nexus.Hosting;
using Nexus.Hosting.Live;
using Nexus.Testing.Postgres;
using Nexus.Workflows.Live;
using Nexus.Workflows.Tests.Support;
using Shouldly;
using Xunit;

namespace Nexus.Workflows.Tests.Live;

/// <summary>Live activity between processes of one store: a runtime that runs no worker (a host whose steps run
/// elsewhere, a dashboard watching what <c>nexus run</c> runs) sees what another runtime's steps publish — on the
/// embedded SQLite data directory and on a PostgreSQL schema — and no runtime gets its own activity twice.</summary>
public sealed class LiveActivityRelayTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sqlite_ProjectRunByAnotherRuntimeOfTheDataDirectory_ItsStepsActivityReachesThisOnesSubscribers()
    {
        await using var worker = await WorkflowFixture.StartAsync(cancellationToken: Ct);
        await using var viewer = await NexusRuntime.StartAsync(new NexusOptions { DataDirectory = worker.DataDirectory, RunWorker = false }, Ct);
        const string id = "relay-sqlite";
        using var remote = viewer.Projects.Activity.Subscribe(id);
        using var local = worker.Projects.Activity.Subscribe(id);

        await worker.Projects.StartAsync(WorkflowFixture.Scenario("demo"), id, Ct);
        (await worker.Projects.WaitAsync(id, Ct)).RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
        var published = Drain(local);
        published.ShouldContain(a => a.Text.StartsWith("replay: playing demo/", StringComparison.Ordinal));

        var seen = await ReadAsync(remote, published.Count);
        seen.Select(a => (a.AgentId, a.StepKey, a.Kind, a.Text, a.Timestamp)).ShouldBe(published.Select(a => (a.AgentId, a.StepKey, a.Kind, a.Text, a.Timestamp)));
        seen.Select(a => a.Sequence).ShouldBeInOrder(SortDirection.Ascending);
        Drain(local).ShouldBeEmpty("a runtime never gets its own activity back through the relay");
    }

    [Fact]
    public async Task Postgres_ActivityPublishedInOneRuntime_ReachesTheOtherRuntimesOfTheSchemaOnly()
    {
        var server = await PostgresServer.GetAsync();
        var schema = PostgresServer.NewSchemaName("live");
        var other = PostgresServer.NewSchemaName("live");
        var data = Directory.CreateTempSubdirectory("nexus-relay-").FullName;
        try
        {
            NexusOptions Options(string name, string schemaName) => new()
            {
                DataDirectory = Path.Combine(data, name),
                Store = NexusStoreKind.Postgres,
                Connection = server.ConnectionString,
                Schema = schemaName,
                RunWorker = false,
            };
            await using var first = await NexusRuntime.StartAsync(Options("a", schema), Ct);
            await using var second = await NexusRuntime.StartAsync(Options("b", schema), Ct);
            await using var elsewhere = await NexusRuntime.StartAsync(Options("c", other), Ct);
            using var atFirst = first.Projects.Activity.Subscribe("relay-pg");
            using var atSecond = second.Projects.Activity.Subscribe("relay-pg");
            using var atElsewhere = elsewhere.Projects.Activity.Subscribe("relay-pg");

            first.Projects.Activity.Publish(new LiveActivity { ProjectId = "relay-pg", AgentId = "code", AgentName = "Code", StepKey = "implement/code/001", Kind = LiveActivityKind.Tool, Tool = "Write", Target = "src/a.js", Text = "Write src/a.js" });
            first.Projects.Activity.Publish(new LiveActivity { ProjectId = "relay-pg", AgentId = "code", Text = new string('x', 20_000) });

            var seen = await ReadAsync(atSecond, 2);
            seen[0].ShouldBe(seen[0] with { AgentId = "code", AgentName = "Code", StepKey = "implement/code/001", Kind = LiveActivityKind.Tool, Tool = "Write", Target = "src/a.js", Text = "Write src/a.js" });
            seen[1].Text.Length.ShouldBe(1_000, "a long text is cut to fit a NOTIFY payload, not dropped");
            seen[1].Text.ShouldEndWith("…");
            Drain(atFirst).Count.ShouldBe(2, "the publisher's own subscribers get each activity once");

            // A third activity proves the other schema's runtime had its chance to hear the first two.
            second.Projects.Activity.Publish(new LiveActivity { ProjectId = "relay-pg", AgentId = "beta", Text = "pytest -q" });
            (await ReadAsync(atFirst, 1)).Single().Text.ShouldBe("pytest -q");
            Drain(atElsewhere).ShouldBeEmpty("another schema is another task hub");
        }
        finally
        {
            await server.DropSchemaAsync(schema, CancellationToken.None);
            await server.DropSchemaAsync(other, CancellationToken.None);
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public void Channel_LongSchemaName_StaysWithinPostgresLimit()
    {
        PostgresLiveActivityRelay.ChannelOf("nexus").ShouldBe("nexus.live.nexus");
        var channel = PostgresLiveActivityRelay.ChannelOf(new string('s', 63));
        System.Text.Encoding.UTF8.GetByteCount(channel).ShouldBeLessThanOrEqualTo(63);
        channel.ShouldNotBe(PostgresLiveActivityRelay.ChannelOf(new string('s', 62) + "t"));
    }

    private static List<LiveActivity> Drain(LiveActivitySubscription subscription)
    {
        var items = new List<LiveActivity>();
        while (subscription.Reader.TryRead(out var activity))
        {
            items.Add(activity);
        }

        return items;
    }

    // Awaits the relay's delivery (no sleep): each read wakes when the feed receives; the test's token bounds it.
    private static async Task<List<LiveActivity>> ReadAsync(LiveActivitySubscription subscription, int count)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        var items = new List<LiveActivity>();
        while (items.Count < count)
        {
            items.Add(await subscription.Reader.ReadAsync(timeout.Token));
        }

        return items;
    }
}

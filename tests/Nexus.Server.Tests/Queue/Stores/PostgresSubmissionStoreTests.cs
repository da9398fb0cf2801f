using Nexus.Server.Queue;
using Nexus.Testing.Postgres;
using Nexus.Workflows.Hosting;
using Shouldly;
using Xunit;
using Nexus.Hosting;

namespace Nexus.Server.Tests.Queue.Stores;

/// <summary>The submission queue contract on a real PostgreSQL server (a schema per test); every <c>OpenAsync</c> is
/// another host of the cluster on the same schema.</summary>
public sealed class PostgresSubmissionStoreTests : SubmissionStoreContractTests
{
    private PostgresTestSchema? _schema;

    private protected override async ValueTask<ISubmissionQueue> OpenAsync()
    {
        _schema ??= await (await PostgresServer.GetAsync()).CreateSchemaAsync("queue", Ct);
        return Own(new PostgresSubmissionStore(new NexusOptions
        {
            Store = NexusStoreKind.Postgres,
            Connection = _schema.ConnectionString,
            Schema = _schema.Name,
            TimeProvider = Clock,
        }));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_schema is not null)
        {
            await _schema.DisposeAsync();
        }
    }

    [Fact]
    public async Task WaitForMessages_AnotherHostEnqueues_WakesThisHostThroughNotify()
    {
        var consumer = await OpenAsync();
        var producer = await OpenAsync();
        await consumer.WaitForMessagesAsync(TimeSpan.Zero, Ct); // listening from now on

        var wait = consumer.WaitForMessagesAsync(TimeSpan.FromHours(1), Ct).AsTask();
        await producer.EnqueueAsync("from-another-host", 1, "{}", Ct);

        // An hour of max wait: only the other host's NOTIFY can end it within the test.
        await wait.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        (await consumer.TryDequeueAsync(TimeSpan.FromMinutes(1), Ct)).ShouldNotBeNull().MessageId.ShouldBe("from-another-host");
    }

    [Fact]
    public async Task Initialize_ThreeHostsAtOnceOnAnEmptySchema_AllWork()
    {
        var hosts = new[] { await OpenAsync(), await OpenAsync(), await OpenAsync() };

        var added = await Task.WhenAll(hosts.Select((h, i) => h.EnqueueAsync($"m{i}", 1, "{}", Ct).AsTask()));

        added.ShouldAllBe(a => a);
        (await hosts[0].GetAsync("m2", Ct)).ShouldNotBeNull().State.ShouldBe("queued");
    }
}

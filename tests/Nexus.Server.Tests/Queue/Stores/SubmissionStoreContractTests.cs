using Nexus.Durable.Testing;
using Nexus.Api.Intake;
using Nexus.Server.Queue;
using Shouldly;
using Xunit;

namespace Nexus.Server.Tests.Queue.Stores;

/// <summary>What every submission queue must do, run against each implementation (SQLite file, PostgreSQL schema).</summary>
public abstract class SubmissionStoreContractTests : IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private readonly List<IAsyncDisposable> _owned = [];

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected ManualTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.Zero));

    /// <summary>Opens a queue over the test's storage; a second call opens another instance over the same storage
    /// (another host of the cluster).</summary>
    private protected abstract ValueTask<ISubmissionQueue> OpenAsync();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public virtual async ValueTask DisposeAsync()
    {
        foreach (var owned in _owned)
        {
            await owned.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    private protected T Own<T>(T value)
        where T : class
    {
        switch (value)
        {
            case IAsyncDisposable asyncDisposable:
                _owned.Add(asyncDisposable);
                break;
            case IDisposable disposable:
                _owned.Add(new DisposeAdapter(disposable));
                break;
        }

        return value;
    }

    [Fact]
    public async Task Enqueue_SameMessageIdTwice_StoresItOnce()
    {
        var queue = await OpenAsync();

        (await queue.EnqueueAsync("m1", 1, "{\"a\":1}", Ct)).ShouldBeTrue();
        (await queue.EnqueueAsync("m1", 3, "{\"a\":2}", Ct)).ShouldBeFalse();

        var message = (await queue.TryDequeueAsync(Lease, Ct)).ShouldNotBeNull();
        message.Body.ShouldBe("{\"a\":1}");
        message.Priority.ShouldBe(1);
        (await queue.TryDequeueAsync(Lease, Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task Dequeue_HighestPriorityFirstThenArrival()
    {
        var queue = await OpenAsync();
        await queue.EnqueueAsync("low", 0, "{}", Ct);
        await queue.EnqueueAsync("high-1", 3, "{}", Ct);
        await queue.EnqueueAsync("normal", 1, "{}", Ct);
        await queue.EnqueueAsync("high-2", 3, "{}", Ct);

        var order = new List<string>();
        while (await queue.TryDequeueAsync(Lease, Ct) is { } message)
        {
            order.Add(message.MessageId);
            (await queue.CompleteAsync(message, "p-" + message.MessageId, Ct)).ShouldBeTrue();
        }

        order.ShouldBe(["high-1", "high-2", "normal", "low"]);
        (await queue.GetAsync("low", Ct)).ShouldNotBeNull().ProcessedOrder.ShouldBe(4);
    }

    [Fact]
    public async Task Lease_Expired_MessageComesBackAndTheOldHolderLosesIt()
    {
        var queue = await OpenAsync();
        await queue.EnqueueAsync("m", 1, "{}", Ct);
        var first = (await queue.TryDequeueAsync(Lease, Ct)).ShouldNotBeNull();
        (await queue.AssignProjectAsync(first, "project-m", Ct)).ShouldBeTrue();
        (await queue.TryDequeueAsync(Lease, Ct)).ShouldBeNull();

        Clock.Advance(Lease + TimeSpan.FromSeconds(1));
        var second = (await queue.TryDequeueAsync(Lease, Ct)).ShouldNotBeNull();

        second.Attempts.ShouldBe(2);
        second.ProjectId.ShouldBe("project-m");
        (await queue.CompleteAsync(first, "project-m", Ct)).ShouldBeFalse();
        (await queue.CompleteAsync(second, "project-m", Ct)).ShouldBeTrue();
        (await queue.GetAsync("m", Ct)).ShouldNotBeNull().State.ShouldBe("completed");
    }

    [Fact]
    public async Task Release_WithDelay_HidesTheMessageUntilThen()
    {
        var queue = await OpenAsync();
        await queue.EnqueueAsync("m", 1, "{}", Ct);
        var message = (await queue.TryDequeueAsync(Lease, Ct)).ShouldNotBeNull();

        (await queue.ReleaseAsync(message, TimeSpan.FromSeconds(30), "busy", Ct)).ShouldBeTrue();
        (await queue.TryDequeueAsync(Lease, Ct)).ShouldBeNull();
        (await queue.GetAsync("m", Ct)).ShouldNotBeNull().Reason.ShouldBe("busy");

        Clock.Advance(TimeSpan.FromSeconds(31));
        (await queue.TryDequeueAsync(Lease, Ct)).ShouldNotBeNull().Attempts.ShouldBe(2);
    }

    [Fact]
    public async Task Park_MessageIsDeadWithItsReasonAndNeverHandedOutAgain()
    {
        var queue = await OpenAsync();
        await queue.EnqueueAsync("bad", 2, "not json", Ct);
        var message = (await queue.TryDequeueAsync(Lease, Ct)).ShouldNotBeNull();

        (await queue.ParkAsync(message, "payload is not JSON", Ct)).ShouldBeTrue();
        Clock.Advance(TimeSpan.FromDays(1));

        (await queue.TryDequeueAsync(Lease, Ct)).ShouldBeNull();
        var dead = (await queue.GetDeadLettersAsync(Ct)).ShouldHaveSingleItem();
        dead.MessageId.ShouldBe("bad");
        dead.State.ShouldBe("dead");
        dead.Reason.ShouldBe("payload is not JSON");
        dead.ProcessedAt.ShouldBe(Clock.GetUtcNow() - TimeSpan.FromDays(1));
    }

    [Fact]
    public async Task Dequeue_ConsumersOnSeveralInstancesAtOnce_TakeEveryMessageExactlyOnce()
    {
        var queues = new[] { await OpenAsync(), await OpenAsync(), await OpenAsync() };
        for (var i = 0; i < 60; i++)
        {
            await queues[i % 3].EnqueueAsync($"m{i:00}", i % 4, "{}", Ct);
        }

        var taken = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Task.WhenAll(queues.SelectMany(q => Enumerable.Range(0, 2).Select(_ => Task.Run(
            async () =>
            {
                while (await q.TryDequeueAsync(Lease, Ct) is { } message)
                {
                    taken.Add(message.MessageId);
                    (await q.CompleteAsync(message, "p", Ct)).ShouldBeTrue();
                }
            },
            Ct))));

        taken.Count.ShouldBe(60);
        taken.Distinct().Count().ShouldBe(60);
    }

    [Fact]
    public async Task WaitForMessages_AMessageArrives_WakesTheWaiterBeforeItsMaxWait()
    {
        var queue = await OpenAsync();
        await queue.WaitForMessagesAsync(TimeSpan.Zero, Ct); // first use: schema and listener ready

        var wait = queue.WaitForMessagesAsync(TimeSpan.FromHours(1), Ct).AsTask();
        await queue.EnqueueAsync("wake", 1, "{}", Ct);

        // The waiter's max wait is an hour (on a clock that never moves here): only the arrival can end it.
        await wait.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        wait.IsCompletedSuccessfully.ShouldBeTrue();
    }

    [Fact]
    public async Task Idempotency_SecondAddWithTheSameKey_ReturnsTheFirstProject()
    {
        var store = (IIdempotencyStore)await OpenAsync();

        var first = await store.GetOrAddAsync("key-1", "project-a", "hash-a", Ct);
        var second = await store.GetOrAddAsync("key-1", "project-b", "hash-b", Ct);
        await store.RemoveAsync("key-1", Ct);
        var third = await store.GetOrAddAsync("key-1", "project-c", "hash-c", Ct);

        first.ShouldBe(new IdempotencyRecord("key-1", "project-a", "hash-a", Created: true));
        second.ShouldBe(new IdempotencyRecord("key-1", "project-a", "hash-a", Created: false));
        third.Created.ShouldBeTrue();
        third.ProjectId.ShouldBe("project-c");
    }

    private sealed class DisposeAdapter(IDisposable disposable) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            disposable.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}

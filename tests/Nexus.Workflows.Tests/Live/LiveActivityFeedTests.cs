using Nexus.Workflows.Live;
using Shouldly;
using Xunit;

namespace Nexus.Workflows.Tests.Live;

/// <summary>The in-process live activity feed: per project, in order, bounded everywhere, never blocking the publisher.</summary>
public sealed class LiveActivityFeedTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Publish_NobodyListening_KeepsOnlyTheProjectsLastActivities()
    {
        var feed = new LiveActivityFeed(new FixedClock(new DateTimeOffset(2026, 12, 5, 13, 0, 0, TimeSpan.Zero)));

        for (var i = 0; i < 100; i++)
        {
            feed.Publish(Activity("p-1", $"Write src/{i}.js"));
        }

        using var late = feed.Subscribe("p-1");
        late.Recent.Count.ShouldBe(LiveActivityFeed.RecentLimit);
        late.Recent[0].Text.ShouldBe($"Write src/{100 - LiveActivityFeed.RecentLimit}.js");
        late.Recent[^1].Text.ShouldBe("Write src/99.js");
        late.Recent.Select(a => a.Sequence).ShouldBeInOrder(SortDirection.Ascending);
        late.Recent[^1].Timestamp.ShouldBe(new DateTimeOffset(2026, 12, 5, 13, 0, 0, TimeSpan.Zero));
        late.Reader.TryRead(out _).ShouldBeFalse();
    }

    [Fact]
    public async Task Subscribe_GetsTheProjectsNewActivitiesInOrder_AndNoneOfOtherProjects()
    {
        var feed = new LiveActivityFeed();
        using var subscription = feed.Subscribe("p-1");

        var reading = Task.Run(async () =>
        {
            var seen = new List<string>();
            await foreach (var activity in subscription.Reader.ReadAllAsync(Ct))
            {
                seen.Add(activity.Text);
                if (seen.Count == 3)
                {
                    return seen;
                }
            }

            return seen;
        }, Ct);
        feed.Publish(Activity("p-1", "Read src/a.js"));
        feed.Publish(Activity("p-2", "Write elsewhere.js"));
        feed.Publish(Activity("p-1", "Write src/a.js"));
        feed.Publish(Activity("p-1", "Bash npm test"));

        (await reading).ShouldBe(["Read src/a.js", "Write src/a.js", "Bash npm test"]);
        feed.SubscriberCount("p-1").ShouldBe(1);
        feed.SubscriberCount("p-2").ShouldBe(0);
    }

    [Fact]
    public void Publish_ToASubscriberThatNeverReads_NeverBlocksAndDropsItsOldest()
    {
        var feed = new LiveActivityFeed();
        using var stalled = feed.Subscribe("p-1");
        var total = LiveActivityFeed.SubscriberCapacity + 50;

        // Synchronous: a publish that blocked would hang the test here, not time out somewhere else.
        for (var i = 0; i < total; i++)
        {
            feed.Publish(Activity("p-1", $"step {i}"));
        }

        var buffered = new List<LiveActivity>();
        while (stalled.Reader.TryRead(out var activity))
        {
            buffered.Add(activity);
        }

        buffered.Count.ShouldBe(LiveActivityFeed.SubscriberCapacity);
        buffered[0].Text.ShouldBe("step 50");
        buffered[^1].Text.ShouldBe($"step {total - 1}");
    }

    [Fact]
    public async Task Dispose_StopsTheSubscription_AndCompletesItsReader()
    {
        var feed = new LiveActivityFeed();
        var subscription = feed.Subscribe("p-1");

        subscription.Dispose();
        subscription.Dispose();
        feed.Publish(Activity("p-1", "after"));

        feed.SubscriberCount("p-1").ShouldBe(0);
        (await subscription.Reader.WaitToReadAsync(Ct)).ShouldBeFalse();
    }

    [Fact]
    public void Publish_ToMoreProjectsThanTheLimit_ForgetsTheLeastRecentlyActiveUnwatchedOnes()
    {
        var feed = new LiveActivityFeed();
        using var watched = feed.Subscribe("p-0");
        for (var i = 0; i <= LiveActivityFeed.ProjectLimit + 10; i++)
        {
            feed.Publish(Activity($"p-{i}", $"activity of p-{i}"));
        }

        using (var forgotten = feed.Subscribe("p-1"))
        {
            forgotten.Recent.ShouldBeEmpty("p-1 was the least recently active project nobody watched");
        }

        using var kept = feed.Subscribe($"p-{LiveActivityFeed.ProjectLimit + 10}");
        kept.Recent.ShouldHaveSingleItem();
        feed.SubscriberCount("p-0").ShouldBe(1);
        watched.Reader.TryRead(out var own).ShouldBeTrue();
        own!.Text.ShouldBe("activity of p-0");
    }

    private static LiveActivity Activity(string projectId, string text) => new()
    {
        ProjectId = projectId,
        AgentId = "code",
        AgentName = "Code",
        Kind = LiveActivityKind.Tool,
        Text = text,
    };

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

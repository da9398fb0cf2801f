using System.Threading.Channels;

namespace Nexus.Workflows.Live;

/// <summary>A listener on one project's live activity: what was published recently, then everything new in order.
/// Dispose it to stop listening.</summary>
/// <remarks>The buffer is bounded (<see cref="LiveActivityFeed.SubscriberCapacity"/>): a reader that falls that far
/// behind loses the oldest activities, never blocks the agent that publishes.</remarks>
public sealed class LiveActivitySubscription : IDisposable
{
    private readonly Action<LiveActivitySubscription> _unsubscribe;
    private readonly Channel<LiveActivity> _channel;
    private int _disposed;

    internal LiveActivitySubscription(string projectId, IReadOnlyList<LiveActivity> recent, Action<LiveActivitySubscription> unsubscribe)
    {
        ProjectId = projectId;
        Recent = recent;
        _unsubscribe = unsubscribe;
        _channel = Channel.CreateBounded<LiveActivity>(new BoundedChannelOptions(LiveActivityFeed.SubscriberCapacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
            SingleWriter = false,
        });
    }

    /// <summary>The project listened to.</summary>
    public string ProjectId { get; }

    /// <summary>The project's last activities published before this subscription, oldest first.</summary>
    public IReadOnlyList<LiveActivity> Recent { get; }

    /// <summary>The activities published since, in order; completes when the subscription is disposed.</summary>
    public ChannelReader<LiveActivity> Reader => _channel.Reader;

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _unsubscribe(this);
            _channel.Writer.TryComplete();
        }
    }

    /// <summary>Never blocks: a full buffer drops its oldest activity.</summary>
    internal void Offer(LiveActivity activity) => _channel.Writer.TryWrite(activity);
}

namespace Nexus.Workflows.Live;

/// <summary>Carries live activity between the processes of one store: what a step publishes in the process that runs it
/// reaches the event streams, dashboards and live views of the others.</summary>
/// <remarks>Like the feed, a relay is not history: it may drop what it cannot carry (a full outbox, a broken connection),
/// it never makes an agent wait, and it never hands a process its own activities back.</remarks>
public interface ILiveActivityRelay : IAsyncDisposable
{
    /// <summary>Queues an activity published in this process for the others. Never blocks, never throws.</summary>
    void Send(LiveActivity activity);

    /// <summary>Starts carrying: sends what <see cref="Send"/> queues, and gives other processes' activities to
    /// <paramref name="feed"/>'s <see cref="LiveActivityFeed.Receive"/> until disposed.</summary>
    Task StartAsync(LiveActivityFeed feed, CancellationToken cancellationToken = default);
}

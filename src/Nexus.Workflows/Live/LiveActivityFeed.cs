namespace Nexus.Workflows.Live;

/// <summary>The in-process publisher/subscriber of agents' live activity, keyed by project id: the steps running in this
/// process publish, the event stream (SSE) and the CLI's live view subscribe.</summary>
/// <remarks>
/// <para>Publishing never blocks and never fails the agent: with nobody listening it only keeps the project's last
/// <see cref="RecentLimit"/> activities (for a view that opens mid-turn); each subscriber has a bounded buffer that drops
/// its oldest entries when its reader falls behind. Nothing is written to the durable history — live activity is not
/// history. Other processes of the same store (a host whose steps run on a separate <c>nexus worker</c>, a dashboard
/// watching what <c>nexus run</c> runs) get it through the <see cref="ILiveActivityRelay"/> connected with
/// <see cref="Connect"/>, which hands what is published here to them and what they publish to <see cref="Receive"/>.</para>
/// <para>Thread-safe. Recent activities are kept for at most <see cref="ProjectLimit"/> projects; the ones nobody listens
/// to that were active least recently are forgotten first.</para>
/// </remarks>
public sealed class LiveActivityFeed
{
    /// <summary>How many of a project's last activities a new subscriber gets first.</summary>
    public const int RecentLimit = 20;

    /// <summary>How many activities a subscriber's buffer holds before the oldest are dropped.</summary>
    public const int SubscriberCapacity = 256;

    /// <summary>How many projects' recent activities are kept.</summary>
    public const int ProjectLimit = 256;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, ProjectFeed> _projects = new(StringComparer.Ordinal);
    private readonly TimeProvider _timeProvider;
    private long _sequence;
    private ILiveActivityRelay? _relay;

    /// <summary>Creates an empty feed.</summary>
    /// <param name="timeProvider">Stamps activities published without a time. Default: the system clock.</param>
    public LiveActivityFeed(TimeProvider? timeProvider = null) => _timeProvider = timeProvider ?? TimeProvider.System;

    /// <summary>Whether anyone in this process listens to any project now (a relay polls more often then).</summary>
    public bool HasSubscribers
    {
        get
        {
            lock (_gate)
            {
                return _projects.Values.Any(p => p.Subscribers.Count > 0);
            }
        }
    }

    /// <summary>Hands everything published here from now on to <paramref name="relay"/> as well (one relay per feed).</summary>
    public void Connect(ILiveActivityRelay relay)
    {
        ArgumentNullException.ThrowIfNull(relay);
        if (Interlocked.CompareExchange(ref _relay, relay, null) is not null)
        {
            throw new InvalidOperationException("The feed already has a relay.");
        }
    }

    /// <summary>Publishes <paramref name="activity"/> to the project's subscribers, and to other processes through the
    /// relay; returns it as published (with its <see cref="LiveActivity.Sequence"/> and time).</summary>
    public LiveActivity Publish(LiveActivity activity)
    {
        var published = Deliver(activity);
        Volatile.Read(ref _relay)?.Send(published);
        return published;
    }

    /// <summary>Publishes an activity that another process published (it came through the relay) to this process's
    /// subscribers only, with this feed's sequence and the activity's own time.</summary>
    public LiveActivity Receive(LiveActivity activity) => Deliver(activity);

    private LiveActivity Deliver(LiveActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        lock (_gate)
        {
            var published = activity with
            {
                Sequence = ++_sequence,
                Timestamp = activity.Timestamp == default ? _timeProvider.GetUtcNow() : activity.Timestamp,
            };
            var project = Project(activity.ProjectId);
            project.LastSequence = published.Sequence;
            project.Recent.Enqueue(published);
            while (project.Recent.Count > RecentLimit)
            {
                project.Recent.Dequeue();
            }

            foreach (var subscriber in project.Subscribers)
            {
                subscriber.Offer(published);
            }

            return published;
        }
    }

    /// <summary>Starts listening to <paramref name="projectId"/>'s activity.</summary>
    public LiveActivitySubscription Subscribe(string projectId)
    {
        ArgumentException.ThrowIfNullOrEmpty(projectId);
        lock (_gate)
        {
            var project = Project(projectId);
            var subscription = new LiveActivitySubscription(projectId, [.. project.Recent], Unsubscribe);
            project.Subscribers.Add(subscription);
            return subscription;
        }
    }

    /// <summary>How many subscribers listen to <paramref name="projectId"/> now.</summary>
    public int SubscriberCount(string projectId)
    {
        lock (_gate)
        {
            return _projects.TryGetValue(projectId, out var project) ? project.Subscribers.Count : 0;
        }
    }

    private void Unsubscribe(LiveActivitySubscription subscription)
    {
        lock (_gate)
        {
            if (_projects.TryGetValue(subscription.ProjectId, out var project))
            {
                project.Subscribers.Remove(subscription);
            }
        }
    }

    // Under the lock.
    private ProjectFeed Project(string projectId)
    {
        if (_projects.TryGetValue(projectId, out var project))
        {
            return project;
        }

        if (_projects.Count >= ProjectLimit)
        {
            var idle = _projects.Where(p => p.Value.Subscribers.Count == 0).MinBy(p => p.Value.LastSequence);
            if (idle.Key is not null)
            {
                _projects.Remove(idle.Key);
            }
        }

        project = new ProjectFeed();
        _projects[projectId] = project;
        return project;
    }

    private sealed class ProjectFeed
    {
        public Queue<LiveActivity> Recent { get; } = new();

        public List<LiveActivitySubscription> Subscribers { get; } = [];

        public long LastSequence { get; set; }
    }
}

namespace Nexus.Durable.Postgres;

/// <summary>Wake-ups for callers waiting on one instance's status: created on demand, dropped when nobody waits.</summary>
internal sealed class InstanceWaiters
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (TaskCompletionSource Source, int Count)> _waiters = new(StringComparer.Ordinal);

    public TaskCompletionSource Join(string instanceId)
    {
        lock (_gate)
        {
            if (!_waiters.TryGetValue(instanceId, out var entry))
            {
                entry = (new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), 0);
            }

            _waiters[instanceId] = (entry.Source, entry.Count + 1);
            return entry.Source;
        }
    }

    public void Leave(string instanceId, TaskCompletionSource registration)
    {
        lock (_gate)
        {
            if (_waiters.TryGetValue(instanceId, out var entry) && ReferenceEquals(entry.Source, registration))
            {
                if (entry.Count <= 1)
                {
                    _waiters.Remove(instanceId);
                }
                else
                {
                    _waiters[instanceId] = (entry.Source, entry.Count - 1);
                }
            }
        }
    }

    public void Set(IEnumerable<string> instanceIds)
    {
        List<TaskCompletionSource>? wake = null;
        lock (_gate)
        {
            if (_waiters.Count == 0)
            {
                return;
            }

            foreach (var id in instanceIds)
            {
                if (_waiters.Remove(id, out var entry))
                {
                    (wake ??= []).Add(entry.Source);
                }
            }
        }

        Wake(wake);
    }

    /// <summary>Wakes every waiter (notifications may have been missed).</summary>
    public void SetAll()
    {
        List<TaskCompletionSource> wake;
        lock (_gate)
        {
            wake = [.. _waiters.Values.Select(e => e.Source)];
            _waiters.Clear();
        }

        Wake(wake);
    }

    private static void Wake(List<TaskCompletionSource>? sources)
    {
        if (sources is not null)
        {
            foreach (var source in sources)
            {
                source.TrySetResult();
            }
        }
    }
}

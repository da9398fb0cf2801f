namespace Nexus.Durable.Sqlite;

/// <summary>In-process wake-ups for callers waiting on one instance's status.</summary>
internal sealed class InstanceChangeSignals
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

    public void Set(IReadOnlyList<string> instanceIds)
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

        if (wake is not null)
        {
            foreach (var source in wake)
            {
                source.TrySetResult();
            }
        }
    }
}

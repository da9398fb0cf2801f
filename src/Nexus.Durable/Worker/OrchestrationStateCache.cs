using Nexus.Durable.Replay;

namespace Nexus.Durable.Worker;

/// <summary>A bounded LRU of live orchestration runtimes, so an episode does not replay the whole history.</summary>
/// <remarks>An entry is taken out while its episode runs and put back after a successful checkpoint; anything else
/// (failure, lease lost, continue-as-new, finished) drops it. Evicted instances are rebuilt by replay.</remarks>
internal sealed class OrchestrationStateCache(int capacity)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LinkedListNode<IEpisodeRuntime>> _map = new(StringComparer.Ordinal);
    private readonly LinkedList<IEpisodeRuntime> _lru = new();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _map.Count;
            }
        }
    }

    public IEpisodeRuntime? Take(string instanceId)
    {
        lock (_gate)
        {
            if (!_map.Remove(instanceId, out var node))
            {
                return null;
            }

            _lru.Remove(node);
            return node.Value;
        }
    }

    public void Put(IEpisodeRuntime runtime)
    {
        if (capacity == 0)
        {
            return;
        }

        lock (_gate)
        {
            if (_map.Remove(runtime.InstanceId, out var old))
            {
                _lru.Remove(old);
            }

            _map[runtime.InstanceId] = _lru.AddFirst(runtime);
            while (_map.Count > capacity)
            {
                var last = _lru.Last!;
                _lru.RemoveLast();
                _map.Remove(last.Value.InstanceId);
            }
        }
    }
}

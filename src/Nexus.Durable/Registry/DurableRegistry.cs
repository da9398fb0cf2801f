namespace Nexus.Durable.Registry;

/// <summary>The orchestrations, activities and entities a worker can run, by name (case-insensitive): Microsoft.DurableTask
/// classes, added one by one (<c>AddTask*</c>) or from the SDK's own <c>DurableTaskRegistry</c> (<c>AddTasks</c>).</summary>
/// <remarks>Register everything before the worker starts; the registry is read concurrently afterwards.</remarks>
public sealed partial class DurableRegistry
{
    /// <summary>Whether an orchestration with this name is registered.</summary>
    public bool HasOrchestration(string name) => _taskOrchestrators.ContainsKey(name);

    /// <summary>Whether an activity with this name is registered.</summary>
    public bool HasActivity(string name) => _taskActivities.ContainsKey(name);

    /// <summary>Whether an entity with this name is registered.</summary>
    public bool HasEntity(string name) => _taskEntities.ContainsKey(name);

    /// <summary>The registered orchestrations' names.</summary>
    public IReadOnlyCollection<string> OrchestrationNames => [.. _taskOrchestrators.Keys];

    /// <summary>The registered activities' names.</summary>
    public IReadOnlyCollection<string> ActivityNames => [.. _taskActivities.Keys];

    /// <summary>The registered entities' names.</summary>
    public IReadOnlyCollection<string> EntityNames => [.. _taskEntities.Keys];

    internal UnknownFunctionException UnknownEntity(string name) => Unknown("entity", name, _taskEntities.Keys);

    private static UnknownFunctionException Unknown(string kind, string name, IEnumerable<string> known)
    {
        var list = string.Join(", ", known.Order(StringComparer.OrdinalIgnoreCase).Select(k => $"'{k}'"));
        return new UnknownFunctionException(
            $"No {kind} named '{name}' is registered. Registered {kind} names: {(list.Length == 0 ? "none" : list)}.");
    }

    private void Add<TFactory>(Dictionary<string, TFactory> map, string name, TFactory factory, string kind)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (IsTaken(kind, name) || !map.TryAdd(name, factory))
        {
            throw new ArgumentException($"An {kind} named '{name}' is already registered.", nameof(name));
        }
    }
}

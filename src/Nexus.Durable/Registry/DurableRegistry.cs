using System.Reflection;
using Nexus.Durable.Activities;
using Nexus.Durable.Entities;
using Nexus.Durable.Orchestrations;

namespace Nexus.Durable.Registry;

/// <summary>The orchestrations, activities and entities a worker can run, by name (case-insensitive).</summary>
/// <remarks>Register everything before the worker starts; the registry is read concurrently afterwards.</remarks>
public sealed partial class DurableRegistry
{
    private readonly Dictionary<string, Func<OrchestrationBase>> _orchestrations = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Func<ActivityBase>> _activities = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Func<EntityBase>> _entities = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Registers an orchestration class under its <see cref="DurableNameAttribute"/> or class name.</summary>
    public DurableRegistry AddOrchestration<T>()
        where T : OrchestrationBase, new() => AddOrchestration(NameOf(typeof(T)), static () => new T());

    /// <summary>Registers an orchestration created by <paramref name="factory"/> for each execution.</summary>
    public DurableRegistry AddOrchestration<T>(string name, Func<T> factory)
        where T : OrchestrationBase
    {
        ArgumentNullException.ThrowIfNull(factory);
        Add(_orchestrations, name, factory, "orchestration");
        return this;
    }

    /// <summary>Registers an orchestration written as a function.</summary>
    public DurableRegistry AddOrchestration<TInput, TOutput>(string name, Func<OrchestrationContext, TInput, Task<TOutput>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return AddOrchestration(name, () => new FuncOrchestration<TInput, TOutput>(run));
    }

    /// <summary>Registers an activity class under its <see cref="DurableNameAttribute"/> or class name.</summary>
    public DurableRegistry AddActivity<T>()
        where T : ActivityBase, new() => AddActivity(NameOf(typeof(T)), static () => new T());

    /// <summary>Registers an activity created by <paramref name="factory"/> for each execution.</summary>
    public DurableRegistry AddActivity<T>(string name, Func<T> factory)
        where T : ActivityBase
    {
        ArgumentNullException.ThrowIfNull(factory);
        Add(_activities, name, factory, "activity");
        return this;
    }

    /// <summary>Registers an activity written as a function.</summary>
    public DurableRegistry AddActivity<TInput, TOutput>(string name, Func<ActivityContext, TInput, Task<TOutput>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var activity = new FuncActivity<TInput, TOutput>(run);
        return AddActivity(name, () => activity);
    }

    /// <summary>Registers an entity class under its <see cref="DurableNameAttribute"/> or class name.</summary>
    public DurableRegistry AddEntity<T>()
        where T : EntityBase, new() => AddEntity(NameOf(typeof(T)), static () => new T());

    /// <summary>Registers an entity created by <paramref name="factory"/> for each batch of operations.</summary>
    public DurableRegistry AddEntity<T>(string name, Func<T> factory)
        where T : EntityBase
    {
        ArgumentNullException.ThrowIfNull(factory);
        if (name.Contains('@', StringComparison.Ordinal))
        {
            throw new ArgumentException($"Entity name '{name}' must not contain '@'.", nameof(name));
        }

        Add(_entities, name, factory, "entity");
        return this;
    }

    /// <summary>Whether an orchestration with this name is registered.</summary>
    public bool HasOrchestration(string name) => _orchestrations.ContainsKey(name) || _taskOrchestrators.ContainsKey(name);

    /// <summary>Whether an activity with this name is registered.</summary>
    public bool HasActivity(string name) => _activities.ContainsKey(name) || _taskActivities.ContainsKey(name);

    /// <summary>Whether an entity with this name is registered.</summary>
    public bool HasEntity(string name) => _entities.ContainsKey(name) || _taskEntities.ContainsKey(name);

    internal OrchestrationBase CreateOrchestration(string name) =>
        _orchestrations.TryGetValue(name, out var factory) ? factory() : throw UnknownOrchestration(name);

    internal ActivityBase CreateActivity(string name) =>
        _activities.TryGetValue(name, out var factory) ? factory() : throw UnknownActivity(name);

    internal EntityBase CreateEntity(string name) =>
        _entities.TryGetValue(name, out var factory) ? factory() : throw UnknownEntity(name);

    internal UnknownFunctionException UnknownOrchestration(string name) => Unknown("orchestration", name, _orchestrations.Keys.Concat(_taskOrchestrators.Keys));

    internal UnknownFunctionException UnknownActivity(string name) => Unknown("activity", name, _activities.Keys.Concat(_taskActivities.Keys));

    internal UnknownFunctionException UnknownEntity(string name) => Unknown("entity", name, _entities.Keys.Concat(_taskEntities.Keys));

    internal void EnsureOrchestration(string name)
    {
        if (!HasOrchestration(name))
        {
            throw UnknownOrchestration(name);
        }
    }

    internal void EnsureActivity(string name)
    {
        if (!HasActivity(name))
        {
            throw UnknownActivity(name);
        }
    }

    internal void EnsureEntity(string name)
    {
        if (!HasEntity(name))
        {
            throw UnknownEntity(name);
        }
    }

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

    private static string NameOf(Type type) => type.GetCustomAttribute<DurableNameAttribute>()?.Name ?? type.Name;
}

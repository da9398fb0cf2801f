using System.Reflection;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;
using Nexus.Durable.Activities;

namespace Nexus.Durable.Registry;

// Microsoft.DurableTask orchestrators, activities and entities: run by the SDK's own runners inside NEXUS's worker.
public sealed partial class DurableRegistry
{
    private readonly Dictionary<string, Func<ITaskOrchestrator>> _taskOrchestrators = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Func<ActivityContext, ITaskActivity>> _taskActivities = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Func<ITaskEntity>> _taskEntities = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Registers a Microsoft.DurableTask orchestrator under its <see cref="DurableTaskAttribute"/> name or type name.</summary>
    public DurableRegistry AddTaskOrchestrator<T>()
        where T : ITaskOrchestrator, new() => AddTaskOrchestrator(TaskNameOf(typeof(T)), static () => new T());

    /// <summary>Registers a Microsoft.DurableTask orchestrator; <paramref name="factory"/> creates one per execution.</summary>
    public DurableRegistry AddTaskOrchestrator(string name, Func<ITaskOrchestrator> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Add(_taskOrchestrators, name, factory, "orchestration");
        return this;
    }

    /// <summary>Registers a Microsoft.DurableTask orchestrator written as a function (the SDK's
    /// <see cref="FuncTaskOrchestrator"/>, as <c>DurableTaskRegistry.AddOrchestratorFunc</c> registers it).</summary>
    public DurableRegistry AddTaskOrchestratorFunc<TInput, TOutput>(string name, Func<TaskOrchestrationContext, TInput, Task<TOutput>> orchestrator)
    {
        ArgumentNullException.ThrowIfNull(orchestrator);
        return AddTaskOrchestrator(name, () => FuncTaskOrchestrator.Create(orchestrator));
    }

    /// <summary>Registers a Microsoft.DurableTask activity under its <see cref="DurableTaskAttribute"/> name or type name.</summary>
    public DurableRegistry AddTaskActivity<T>()
        where T : ITaskActivity, new() => AddTaskActivity(TaskNameOf(typeof(T)), static _ => new T());

    /// <summary>Registers a Microsoft.DurableTask activity; <paramref name="factory"/> creates one per execution and gets
    /// what the host knows of it (attempt, cancellation when the orchestration ends or the worker stops).</summary>
    public DurableRegistry AddTaskActivity(string name, Func<ActivityContext, ITaskActivity> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Add(_taskActivities, name, factory, "activity");
        return this;
    }

    /// <summary>Registers a Microsoft.DurableTask activity written as a function (the SDK's <see cref="FuncTaskActivity"/>,
    /// as <c>DurableTaskRegistry.AddActivityFunc</c> registers it).</summary>
    public DurableRegistry AddTaskActivityFunc<TInput, TOutput>(string name, Func<TaskActivityContext, TInput, Task<TOutput>> activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return AddTaskActivity(name, _ => FuncTaskActivity.Create(activity));
    }

    /// <summary>Registers a Microsoft.DurableTask entity under its <see cref="DurableTaskAttribute"/> name or type name.</summary>
    public DurableRegistry AddTaskEntity<T>()
        where T : ITaskEntity, new() => AddTaskEntity(TaskNameOf(typeof(T)), static () => new T());

    /// <summary>Registers a Microsoft.DurableTask entity; <paramref name="factory"/> creates one per batch of operations.</summary>
    public DurableRegistry AddTaskEntity(string name, Func<ITaskEntity> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        if (name.Contains('@', StringComparison.Ordinal))
        {
            throw new ArgumentException($"Entity name '{name}' must not contain '@'.", nameof(name));
        }

        Add(_taskEntities, name, factory, "entity");
        return this;
    }

    internal ITaskOrchestrator? TryCreateTaskOrchestrator(string name) => _taskOrchestrators.TryGetValue(name, out var factory) ? factory() : null;

    internal ITaskActivity? TryCreateTaskActivity(string name, ActivityContext context) =>
        _taskActivities.TryGetValue(name, out var factory) ? factory(context) : null;

    internal ITaskEntity? TryCreateTaskEntity(string name) => _taskEntities.TryGetValue(name, out var factory) ? factory() : null;

    private bool IsTaken(string kind, string name) => kind switch
    {
        "orchestration" => HasOrchestration(name),
        "activity" => HasActivity(name),
        _ => HasEntity(name),
    };

    private static string TaskNameOf(Type type) => type.GetCustomAttribute<DurableTaskAttribute>()?.Name.Name ?? type.Name;
}

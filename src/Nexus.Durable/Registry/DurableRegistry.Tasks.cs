using Microsoft.DurableTask;

namespace Nexus.Durable.Registry;

// The SDK's own registry (what DurableTaskWorker's AddTasks configures) taken over whole, so code written for Microsoft's
// worker registers its tasks with NEXUS's unchanged.
public sealed partial class DurableRegistry
{
    /// <summary>Registers every orchestrator, activity and entity of a Microsoft.DurableTask
    /// <see cref="DurableTaskRegistry"/> under its registered name.</summary>
    /// <param name="registry">The SDK registry, filled as for <c>DurableTaskWorkerBuilder.AddTasks</c>.</param>
    /// <param name="services">What the SDK's factories create the tasks from (<c>AddOrchestrator&lt;T&gt;()</c> resolves
    /// <c>T</c> with <c>ActivatorUtilities</c>, so constructor dependencies come from here); default: no services, which
    /// suits tasks with a parameterless constructor.</param>
    /// <remarks>Only unversioned registrations exist in the SDK's public view of a registry; NEXUS runs tasks by name.
    /// A name already registered here (by either API) is refused with <see cref="ArgumentException"/>.</remarks>
    public DurableRegistry AddTasks(DurableTaskRegistry registry, IServiceProvider? services = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var provider = services ?? NoServices.Instance;
        foreach (var (name, create) in registry.GetOrchestrators())
        {
            AddTaskOrchestrator(name.Name, () => create(provider));
        }

        foreach (var (name, create) in registry.GetActivities())
        {
            AddTaskActivity(name.Name, _ => create(provider));
        }

        foreach (var (name, create) in registry.GetEntities())
        {
            AddTaskEntity(name.Name, () => create(provider));
        }

        return this;
    }

    private sealed class NoServices : IServiceProvider
    {
        public static readonly NoServices Instance = new();

        public object? GetService(Type serviceType) => null;
    }
}

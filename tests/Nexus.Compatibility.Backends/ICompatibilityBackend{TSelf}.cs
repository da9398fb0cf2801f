using Microsoft.DurableTask;

namespace Nexus.Compatibility.Backends;

/// <summary>A backend the compatibility test classes can create for themselves (the test fixture's factory).</summary>
/// <typeparam name="TSelf">The backend type itself.</typeparam>
public interface ICompatibilityBackend<TSelf> : ICompatibilityBackend
    where TSelf : ICompatibilityBackend<TSelf>
{
    /// <summary>
    /// Creates an unstarted backend for one test class: isolated from every other instance (a task hub or store of its
    /// own), with the tasks <paramref name="registerTasks"/> adds registered in its worker.
    /// </summary>
    static abstract ValueTask<TSelf> CreateForTestsAsync(Action<DurableTaskRegistry> registerTasks, CancellationToken cancellationToken = default);
}

using Nexus.Durable;
using Nexus.Workflows.Hosting;
using Nexus.Workflows.Model;

namespace Nexus.Cli.Live;

/// <summary>Reads a project each time it changes until it ends: no busy loop, the store wakes the watcher.</summary>
internal sealed class ProjectWatcher(ProjectClient projects, TimeProvider timeProvider)
{
    /// <summary>The longest wait between two reads: a live view's clock ticks, and changes made by another process
    /// (whose notifications do not cross processes) are seen within this time.</summary>
    private static readonly TimeSpan _tick = TimeSpan.FromSeconds(1);

    public TimeProvider TimeProvider => timeProvider;

    /// <summary>Calls <paramref name="onChange"/> with the first view and then at each change (and each tick), until the
    /// project is Completed, Failed or Terminated, or <paramref name="pauseWhen"/> holds; returns that last view.</summary>
    public async Task<ProjectView> WatchAsync(
        string projectId, Action<ProjectView> onChange, Func<ProjectView, bool>? pauseWhen = null, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var view = await projects.GetAsync(projectId, cancellationToken: cancellationToken)
                ?? throw new InstanceNotFoundException($"project '{projectId}' no longer exists (purged while it was watched)");
            onChange(view);
            if (view.RuntimeStatus.IsTerminal() || pauseWhen?.Invoke(view) == true)
            {
                return view;
            }

            await projects.WaitForChangeAsync(projectId, _tick, cancellationToken);
        }
    }

    /// <summary>How long the project has been going (until its last change, once it has ended).</summary>
    public TimeSpan Elapsed(ProjectView view)
    {
        var end = view.RuntimeStatus.IsTerminal() ? view.LastUpdatedTime : timeProvider.GetUtcNow();
        var elapsed = end - view.CreatedTime;
        return elapsed < TimeSpan.Zero ? TimeSpan.Zero : elapsed;
    }
}

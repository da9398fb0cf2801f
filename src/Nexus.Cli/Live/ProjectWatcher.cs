using Nexus.Cli.Projects;
using Nexus.Durable;
using Nexus.Workflows.Model;
using Nexus.Hosting;

namespace Nexus.Cli.Live;

/// <summary>Reads a project each time it changes until it ends: no busy loop, the store (or the host's event stream) wakes
/// the watcher.</summary>
internal sealed class ProjectWatcher(IProjectService projects)
{
    /// <summary>The longest wait between two views: a live view's clock ticks, and changes made by another process
    /// (whose notifications do not cross processes) are seen within this time.</summary>
    private static readonly TimeSpan _tick = TimeSpan.FromSeconds(1);

    public TimeProvider TimeProvider => projects.TimeProvider;

    /// <summary>Calls <paramref name="onChange"/> with the first view and then at each change (and each tick), until the
    /// project is Completed, Failed or Terminated, or <paramref name="pauseWhen"/> holds; returns that last view.</summary>
    public async Task<ProjectView> WatchAsync(
        string projectId, Action<ProjectView> onChange, Func<ProjectView, bool>? pauseWhen = null, CancellationToken cancellationToken = default)
    {
        await foreach (var view in projects.WatchAsync(projectId, _tick, cancellationToken))
        {
            onChange(view);
            if (view.RuntimeStatus.IsTerminal() || pauseWhen?.Invoke(view) == true)
            {
                return view;
            }
        }

        throw new InstanceNotFoundException($"project '{projectId}' stopped being watched before it ended");
    }

    /// <summary>How long the project has been going (until its last change, once it has ended).</summary>
    public TimeSpan Elapsed(ProjectView view)
    {
        var end = view.RuntimeStatus.IsTerminal() ? view.LastUpdatedTime : projects.TimeProvider.GetUtcNow();
        var elapsed = end - view.CreatedTime;
        return elapsed < TimeSpan.Zero ? TimeSpan.Zero : elapsed;
    }
}

using Nexus.Workflows.Model;
using Nexus.Hosting;

namespace Nexus.Cli.Live;

/// <summary>Shows nothing while the project runs (<c>--json</c>: stdout carries only the final object).</summary>
internal sealed class SilentDisplay : IProjectDisplay
{
    public Task<ProjectView> FollowAsync(ProjectWatcher watcher, string projectId, Func<ProjectView, bool> pauseWhen, CancellationToken cancellationToken = default) =>
        watcher.WatchAsync(projectId, static _ => { }, pauseWhen, cancellationToken: cancellationToken);
}

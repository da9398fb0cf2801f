using Nexus.Workflows.Model;
using Nexus.Hosting;

namespace Nexus.Cli.Live;

/// <summary>Shows a project while it runs: a live terminal view, plain lines, or nothing (<c>--json</c>).</summary>
internal interface IProjectDisplay
{
    /// <summary>Follows the project until it ends, or until <paramref name="pauseWhen"/> says so (the person must answer
    /// something); returns that view. Cancellation (Ctrl-C) ends the display.</summary>
    Task<ProjectView> FollowAsync(ProjectWatcher watcher, string projectId, Func<ProjectView, bool> pauseWhen, CancellationToken cancellationToken = default);
}

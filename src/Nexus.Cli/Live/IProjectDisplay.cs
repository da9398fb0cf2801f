using Nexus.Workflows.Model;

namespace Nexus.Cli.Live;

/// <summary>Shows a project while it runs: a live terminal view, plain lines, or nothing (<c>--json</c>).</summary>
internal interface IProjectDisplay
{
    /// <summary>Follows the project until it ends; returns the final view. Cancellation (Ctrl-C) ends the display.</summary>
    Task<ProjectView> FollowAsync(ProjectWatcher watcher, string projectId, CancellationToken cancellationToken = default);
}

using System.Threading.Channels;
using Nexus.Cli.Projects;
using Nexus.Durable;
using Nexus.Workflows.Live;
using Nexus.Workflows.Model;
using Nexus.Hosting;

namespace Nexus.Cli.Live;

/// <summary>Reads a project each time it changes until it ends: no busy loop, the store (or the host's event stream) wakes
/// the watcher. With an activity receiver it also passes on the live activity of the running steps as it happens.</summary>
internal sealed class ProjectWatcher(IProjectService projects)
{
    /// <summary>The longest wait between two views: a live view's clock ticks, and changes made by another process
    /// (whose notifications do not cross processes) are seen within this time.</summary>
    private static readonly TimeSpan _tick = TimeSpan.FromSeconds(1);

    // The last activity passed on: a watch that starts again (after an approval prompt) gets the recent ones again.
    private long _lastSequence;

    public TimeProvider TimeProvider => projects.TimeProvider;

    /// <summary>Calls <paramref name="onChange"/> with the first view and then at each change (and each tick), until the
    /// project is Completed, Failed or Terminated, or <paramref name="pauseWhen"/> holds; returns that last view. Live
    /// activity goes to <paramref name="onActivity"/> on the same thread, between views.</summary>
    public async Task<ProjectView> WatchAsync(
        string projectId,
        Action<ProjectView> onChange,
        Func<ProjectView, bool>? pauseWhen = null,
        Action<LiveActivity>? onActivity = null,
        CancellationToken cancellationToken = default)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var updates = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
        var views = PumpViewsAsync(projectId, updates.Writer, stop.Token);
        var activities = onActivity is null ? Task.CompletedTask : PumpActivityAsync(projectId, updates.Writer, stop.Token);
        try
        {
            await foreach (var update in updates.Reader.ReadAllAsync(cancellationToken))
            {
                if (update is LiveActivity activity)
                {
                    if (activity.Sequence > _lastSequence)
                    {
                        _lastSequence = activity.Sequence;
                        onActivity!(activity);
                    }

                    continue;
                }

                var view = (ProjectView)update;
                onChange(view);
                if (view.RuntimeStatus.IsTerminal() || pauseWhen?.Invoke(view) == true)
                {
                    return view;
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(views, activities).ContinueWith(static _ => { }, TaskScheduler.Default);
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

    // The views end the watch: their end (or error) completes the channel.
    private async Task PumpViewsAsync(string projectId, ChannelWriter<object> updates, CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            await foreach (var view in projects.WatchAsync(projectId, _tick, cancellationToken))
            {
                updates.TryWrite(view);
            }

            updates.TryComplete();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            updates.TryComplete();
        }
#pragma warning disable CA1031 // Handed to the reader, who throws it.
        catch (Exception e)
#pragma warning restore CA1031
        {
            updates.TryComplete(e);
        }
    }

    // Live activity is best effort: when it cannot be read, the views go on alone.
    private async Task PumpActivityAsync(string projectId, ChannelWriter<object> updates, CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            await foreach (var activity in projects.ActivityAsync(projectId, cancellationToken))
            {
                updates.TryWrite(activity);
            }
        }
#pragma warning disable CA1031 // Best effort, see above.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}

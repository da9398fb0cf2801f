using Nexus.Agents.Messaging;
using Nexus.Agents.Scratchpads;
using Nexus.Cli.Output;
using Nexus.Api.Contracts;
using Nexus.Durable;
using Nexus.Durable.History;
using Nexus.Server.Queue;
using Nexus.Workflows.Live;
using Nexus.Workflows.Model;
using Nexus.Hosting;
using Nexus.Hosting.Kpis;

namespace Nexus.Cli.Projects;

/// <summary>Where the project commands act: the local store in the data directory (<see cref="LocalProjectService"/>) or a
/// NEXUS host over HTTP (<see cref="Remote.RemoteProjectService"/>, <c>--server</c>). The commands and their printing code
/// are the same for both.</summary>
/// <remarks>
/// <para>Reads answer <see langword="null"/> (or throw <see cref="InstanceNotFoundException"/> for the ones that need the
/// project) when there is no such project; a failed start throws <see cref="InstanceAlreadyExistsException"/> (the id
/// exists, in any state: a start never replaces a project; its status when known) or <see cref="ArgumentException"/> (the
/// request is invalid), whichever side refused it.</para>
/// <para>Views carry a terminated project's reason in <see cref="ProjectStatus.Reason"/>.</para>
/// </remarks>
internal interface IProjectService : IAsyncDisposable
{
    /// <summary>Where the projects are, for messages: "in /path/.nexus" or "on http://host:port".</summary>
    string Where { get; }

    /// <summary>The options that point another <c>nexus</c> command at the same place ("", " --data DIR" or
    /// " --server URL"), for the hints the commands print.</summary>
    string SameTarget { get; }

    /// <summary>Whether the projects are on a host, where they go on running whatever this process does.</summary>
    bool IsRemote { get; }

    /// <summary>The clock of the live views.</summary>
    TimeProvider TimeProvider { get; }

    /// <summary>Where a project's files are, for messages: "in /path/projects/ID" or "on the server at URL".</summary>
    string FilesOf(string projectId);

    /// <summary>When this process is to carry <paramref name="projectId"/> on but another worker's lease holds its running
    /// step (a crashed process's, until it lapses): one line saying so, also published as the project's live activity;
    /// <see langword="null"/> otherwise, and always on a host (its own worker waits there).</summary>
    Task<string?> AnnounceLeaseWaitAsync(string projectId, CancellationToken cancellationToken = default);

    /// <summary>A project, or <see langword="null"/> when there is none.</summary>
    Task<ProjectView?> GetAsync(string projectId, CancellationToken cancellationToken = default);

    /// <summary>A project's status in the Durable Functions shape, or <see langword="null"/> when there is none.</summary>
    Task<DurableStatus?> GetDurableStatusAsync(string projectId, CancellationToken cancellationToken = default);

    /// <summary>The projects, oldest first, with one of <paramref name="statuses"/> (all when empty).</summary>
    Task<IReadOnlyList<ProjectView>> ListAsync(IReadOnlyCollection<OrchestrationRuntimeStatus> statuses, CancellationToken cancellationToken = default);

    /// <summary>The entries of the memory across projects most relevant to <paramref name="text"/>, best first (at most <paramref name="limit"/>).</summary>
    Task<MemorySearchResponse> SearchMemoryAsync(string text, int limit, CancellationToken cancellationToken = default);

    /// <summary>The KPIs over every project (with the host's uptime when a host answers).</summary>
    Task<SystemKpis> GetKpisAsync(CancellationToken cancellationToken = default);

    /// <summary>A project's orchestration history.</summary>
    Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string projectId, CancellationToken cancellationToken = default);

    /// <summary>The AgentSession state of every agent of the project that took a turn.</summary>
    Task<IReadOnlyList<AgentSessionState>> GetAgentsAsync(string projectId, CancellationToken cancellationToken = default);

    /// <summary>The project's scratchpads that have been written.</summary>
    Task<IReadOnlyList<Scratchpad>> GetScratchpadsAsync(string projectId, CancellationToken cancellationToken = default);

    /// <summary>Starts a project; returns its id.</summary>
    Task<string> StartAsync(ProjectRequest request, string? projectId, CancellationToken cancellationToken = default);

    /// <summary>Continues a failed or terminated project from the step that did not finish, with <paramref name="limits"/>.</summary>
    /// <exception cref="ProjectNotRetryableException">The project is not failed or terminated.</exception>
    /// <exception cref="ArgumentException">A limit is invalid.</exception>
    Task RetryAsync(string projectId, RetryLimits limits, CancellationToken cancellationToken = default);

    /// <summary>Runs a finished project again from the start with its own request and id (its history, status and report
    /// are replaced; its workspace keeps the earlier commits).</summary>
    /// <exception cref="InstanceNotFoundException">There is no such project.</exception>
    /// <exception cref="InstanceAlreadyExistsException">The project has not finished.</exception>
    /// <exception cref="ArgumentException">Its stored request is no longer valid.</exception>
    Task RestartAsync(string projectId, CancellationToken cancellationToken = default);

    /// <summary>Cancels a running project (it ends Terminated with <paramref name="reason"/>).</summary>
    Task CancelAsync(string projectId, string reason, CancellationToken cancellationToken = default);

    /// <summary>Sends the plan-approval decision.</summary>
    Task ApproveAsync(string projectId, ApprovalDecision decision, CancellationToken cancellationToken = default);

    /// <summary>Deletes an ended project's history and state; returns the number of instances deleted.</summary>
    Task<int> PurgeAsync(string projectId, CancellationToken cancellationToken = default);

    /// <summary>The project now, then again at each change and at least every <paramref name="tick"/>, until a view that
    /// has ended (the last one) or until the caller stops reading.</summary>
    /// <exception cref="InstanceNotFoundException">The project does not exist (or was purged while it was watched).</exception>
    IAsyncEnumerable<ProjectView> WatchAsync(string projectId, TimeSpan tick, CancellationToken cancellationToken = default);

    /// <summary>The live activity of the project's running steps (tool uses, retries, session restarts) — the last few, then
    /// each as it happens — until the project ends or the caller stops reading. Best effort: only steps running in the
    /// process that serves it are seen (this process locally; the host with <c>--server</c>).</summary>
    IAsyncEnumerable<LiveActivity> ActivityAsync(string projectId, CancellationToken cancellationToken = default);

    /// <summary>Puts a task assignment on the submission queue (the message id is its key).</summary>
    Task<SubmissionOutcome> SubmitAsync(TaskAssignment assignment, CancellationToken cancellationToken = default);

    /// <summary>A queued message's record, or <see langword="null"/> when there is none.</summary>
    Task<SubmissionRecord?> GetSubmissionAsync(string messageId, CancellationToken cancellationToken = default);
}

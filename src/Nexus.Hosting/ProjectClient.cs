using Nexus.Agents.Scratchpads;
using Nexus.Agents.Workspaces;
using System.Runtime.ExceptionServices;
using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Nexus.Durable;
using Nexus.Durable.Client;
using Nexus.Durable.History;
using OrchestrationMetadata = Microsoft.DurableTask.Client.OrchestrationMetadata;
using OrchestrationRuntimeStatus = Nexus.Durable.OrchestrationRuntimeStatus;
using StartOrchestrationOptions = Microsoft.DurableTask.StartOrchestrationOptions;
using Nexus.Workflows.Activities;
using Nexus.Workflows.Entities;
using Nexus.Workflows.Live;
using Nexus.Workflows.Memory;
using Nexus.Workflows.Model;
using Nexus.Workflows.Orchestration;
using Nexus.Hosting.Kpis;
using Nexus.Workflows.Hosting;
using Nexus.Workflows.Templates;

namespace Nexus.Hosting;

/// <summary>Starts, watches and controls projects: the NEXUS view (phases, agents, costs) over the Durable Task client.
/// The CLI and the HTTP host both use it.</summary>
public sealed class ProjectClient
{
    // Every status, so that a start never replaces an existing instance of any kind (the store checks it atomically).
    private static readonly IReadOnlyList<string> NeverReplace =
        ["Pending", "Running", "Suspended", "Completed", "Failed", "Terminated", "Canceled"];

    // What a retry never replaces: anything but Failed and Terminated.
    private static readonly IReadOnlyList<string> NotRetryable = ["Pending", "Running", "Suspended", "Completed", "Canceled"];

    private readonly DurableTaskClient _client;
    private readonly NexusOptions _options;

    private readonly DateTimeOffset? _workerStartedAt;

    private ProjectClient(DurableTaskClient client, NexusOptions options, DateTimeOffset? workerStartedAt, LiveActivityFeed activity, IProjectMemory? memory)
    {
        Memory = memory;
        _client = client;
        _options = options;
        _workerStartedAt = workerStartedAt;
        Activity = activity;
    }

    /// <summary>The live activity of the steps running in this process (tool uses, retries, session restarts, recoveries):
    /// not history — see <see cref="LiveActivityFeed"/>.</summary>
    public LiveActivityFeed Activity { get; }

    /// <summary>The memory across projects (what finished projects learned), or <see langword="null"/> where this host has
    /// none (the Function App without a shared PostgreSQL store). A purge removes the project's entries from it.</summary>
    public IProjectMemory? Memory { get; }

    /// <summary>The Durable Task client underneath: NEXUS's <see cref="NexusDurableTaskClient"/> over its store, or the one
    /// the Azure Functions Durable extension binds (<c>[DurableClient]</c>).</summary>
    public DurableTaskClient Durable => _client;

    /// <summary>Whether <see cref="GetHistoryAsync"/> can read histories: NEXUS's client can; the SDK's abstract client has no
    /// history read (on Azure Functions the Durable extension's webhook serves it: <c>…/instances/{id}?showHistory=true</c>).</summary>
    public bool CanReadHistory => _client is NexusDurableTaskClient;

    /// <summary>The NEXUS view over any Durable Task client (the Function App's HTTP and queue functions use the client the
    /// Durable extension binds; NEXUS's runtime uses its own).</summary>
    /// <param name="client">The Durable Task client.</param>
    /// <param name="options">Where workspaces and agent homes live.</param>
    /// <param name="workerStartedAt">When this process's worker started (the uptime the KPIs report), if it runs one.</param>
    /// <param name="activity">The live activity feed of this process's steps; default: a feed of its own (nothing publishes
    /// to it where the steps run elsewhere, as on Azure Functions).</param>
    /// <param name="memory">The memory across projects, if this host has one.</param>
    public static ProjectClient Over(
        DurableTaskClient client, NexusOptions options, DateTimeOffset? workerStartedAt = null, LiveActivityFeed? activity = null, IProjectMemory? memory = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        return new ProjectClient(client, options, workerStartedAt, activity ?? new LiveActivityFeed(options.TimeProvider), memory);
    }

    /// <summary>Validates <paramref name="request"/> and starts a project; returns its id. A request without
    /// <see cref="ProjectRequest.Gates"/> gets the configured ones (<see cref="WorkflowOptions.Gates"/>) with its
    /// <see cref="ProjectRequest.GateChoice"/> over them.</summary>
    /// <remarks>A start never replaces anything: an id that exists in any state — running or finished, a project or
    /// another instance — is refused atomically and the existing one is left as it is (purge it first to reuse the id).</remarks>
    /// <exception cref="ArgumentException">The request or id is invalid (the message says which field and why), or its template is unknown (the message lists the known ones).</exception>
    /// <exception cref="InstanceAlreadyExistsException">The id exists; <see cref="InstanceAlreadyExistsException.RuntimeStatus"/>
    /// says in which state.</exception>
    public async Task<string> StartAsync(ProjectRequest request, string? projectId = null, CancellationToken cancellationToken = default)
    {
        request = Prepare(request);
        var id = projectId ?? $"p-{Guid.NewGuid().ToString("N")[..12]}";
        ProjectIds.Validate(id);
        return await ScheduleAsync(ProjectOrchestration.Name, request, new StartOrchestrationOptions { InstanceId = id, DedupeStatuses = NeverReplace }, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>The request as <see cref="StartAsync"/> stores it: the configured gates (with the request's choice over them) and memory when it names none, validated, and its
    /// template read into it (so the orchestration never reads the template's files). A redelivered submission compares
    /// the stored request with this.</summary>
    /// <exception cref="ArgumentException">The request is invalid, or its template is unknown.</exception>
    public ProjectRequest Prepare(ProjectRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var gates = request.Gates ?? _options.Gates;
        request = request with { Gates = request.GateChoice?.ApplyTo(gates) ?? gates, GateChoice = null, Memory = request.Memory ?? _options.Memory };
        ProjectRequestValidator.Validate(request);
        return TemplateCatalog.For(_options).Resolve(request);
    }

    /// <summary>Runs a finished project again with its own request and id: its history, status and report are replaced
    /// (the one deliberate replacement; <see cref="StartAsync"/> never replaces).</summary>
    /// <exception cref="InstanceNotFoundException">There is no such project.</exception>
    /// <exception cref="InstanceAlreadyExistsException">The project has not finished.</exception>
    /// <exception cref="ArgumentException">Its stored request is no longer valid.</exception>
    public async Task RestartAsync(string projectId, CancellationToken cancellationToken = default)
    {
        var project = await GetRequiredAsync(projectId, false, cancellationToken).ConfigureAwait(false);
        if (project.RuntimeStatus.IsActive())
        {
            throw InstanceAlreadyExistsException.For(projectId, project.RuntimeStatus);
        }

        var request = project.Request ?? throw new ArgumentException($"Project '{projectId}' has no stored request to run again.", nameof(projectId));
        request = request with { Gates = request.Gates ?? _options.Gates, Memory = request.Memory ?? _options.Memory }; // a run from the start: a project from before the gates (or the memory) gets them now
        ProjectRequestValidator.Validate(request);
        await ScheduleAsync(ProjectOrchestration.Name, request, new StartOrchestrationOptions { InstanceId = projectId }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Continues a failed or terminated project from the step that did not finish: a new execution of the same
    /// instance whose steps the project's journal has are taken from it (their commits, sessions, scratchpads and cost
    /// stay), and the rest runs with <paramref name="limits"/> in place of the project's own.</summary>
    /// <returns>What the new run carries as <see cref="ProjectRequest.Retry"/>.</returns>
    /// <remarks>The history then holds the new execution (its input says which retry it is and why the run before it
    /// ended); the timeline marks where it went on; <see cref="ProjectStatus.Retries"/> counts the retries.</remarks>
    /// <exception cref="InstanceNotFoundException">There is no such project.</exception>
    /// <exception cref="ProjectNotRetryableException">The project is running, suspended, pending or completed.</exception>
    /// <exception cref="ArgumentException">A limit is invalid (the message names it).</exception>
    public async Task<ProjectRetry> RetryAsync(string projectId, RetryLimits? limits = null, CancellationToken cancellationToken = default)
    {
        var metadata = await _client.GetInstanceAsync(projectId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        if (metadata is null || !string.Equals(metadata.Name, ProjectOrchestration.Name, StringComparison.OrdinalIgnoreCase))
        {
            throw new InstanceNotFoundException($"No project with id '{projectId}' exists.");
        }

        var project = ToView(metadata, null);
        if (project.RuntimeStatus is not (OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated))
        {
            throw ProjectNotRetryableException.For(projectId, project.RuntimeStatus.ToString());
        }

        var request = project.Request ?? throw new ArgumentException($"Project '{projectId}' has no stored request to continue.", nameof(projectId));
        var reason = project.RuntimeStatus == OrchestrationRuntimeStatus.Failed
            ? project.Failure?.Message
            : metadata.SerializedOutput is { } output && output != "null" ? metadata.ReadOutputAs<string>() : null;
        var retry = new ProjectRetry
        {
            Attempt = (request.Retry?.Attempt ?? 0) + 1,
            PreviousStatus = project.RuntimeStatus.ToString(),
            PreviousReason = reason ?? project.Status?.Reason,
        };
        var next = (limits ?? new RetryLimits()).ApplyTo(request) with { Retry = retry };
        ProjectRequestValidator.Validate(next);
        // Replaces only what ended: an instance that became active (another retry won the race) or completed is refused.
        await ScheduleAsync(ProjectOrchestration.Name, next, new StartOrchestrationOptions { InstanceId = projectId, DedupeStatuses = NotRetryable }, cancellationToken)
            .ConfigureAwait(false);
        return retry;
    }

    /// <summary>A project's status, or <see langword="null"/> when there is none.</summary>
    public async Task<ProjectView?> GetAsync(string projectId, bool includeHistory = false, CancellationToken cancellationToken = default)
    {
        var metadata = await _client.GetInstanceAsync(projectId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        if (metadata is null || !string.Equals(metadata.Name, ProjectOrchestration.Name, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var history = includeHistory ? await Nexus().GetHistoryAsync(projectId, cancellationToken).ConfigureAwait(false) : null;
        return ToView(metadata, history);
    }

    /// <summary>Waits until the project finishes.</summary>
    public async Task<ProjectView> WaitAsync(string projectId, CancellationToken cancellationToken = default) =>
        ToView(await _client.WaitForInstanceCompletionAsync(projectId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false), null);

    /// <summary>Waits until the project changes or <paramref name="maxWait"/> passes (for live views).</summary>
    /// <remarks>NEXUS's client wakes on the store's change notification; any other client waits <paramref name="maxWait"/>.</remarks>
    public Task WaitForChangeAsync(string projectId, TimeSpan maxWait, CancellationToken cancellationToken = default) =>
        _client is NexusDurableTaskClient nexus
            ? nexus.WaitForInstanceChangeAsync(projectId, maxWait, cancellationToken)
            : Task.Delay(maxWait, _options.TimeProvider, cancellationToken);

    /// <summary>Cancels a running project: its running agent is stopped and the status becomes Terminated.</summary>
    /// <exception cref="ArgumentException">The reason has a control character (<see cref="UserText"/>).</exception>
    public Task CancelAsync(string projectId, string? reason = null, CancellationToken cancellationToken = default)
    {
        UserText.Validate(reason, "reason");
        return _client.TerminateInstanceAsync(projectId, reason ?? "cancelled by the user", cancellationToken);
    }

    /// <summary>Approves or rejects the plan of a project waiting at an approval gate; returns the decision as sent, with
    /// the number of the gate it answers (<see cref="ApprovalDecision.Gate"/>, from the status when the caller left it out).</summary>
    /// <remarks>A project that is not waiting at a gate refuses the decision instead of keeping it for a later plan. The
    /// orchestration checks the number again, so a decision that races a newer gate is ignored there.</remarks>
    /// <exception cref="ArgumentException">The feedback has a control character (<see cref="UserText"/>).</exception>
    /// <exception cref="InstanceNotFoundException">There is no such project.</exception>
    /// <exception cref="InstanceNotActiveException">The project has finished.</exception>
    /// <exception cref="NotWaitingForApprovalException">No gate waits, or <see cref="ApprovalDecision.Gate"/> names another one.</exception>
    public async Task<ApprovalDecision> ApproveAsync(string projectId, ApprovalDecision decision, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decision);
        UserText.Validate(decision.Feedback, "feedback");
        var project = await GetRequiredAsync(projectId, false, cancellationToken).ConfigureAwait(false);
        if (project.RuntimeStatus.IsTerminal())
        {
            throw new InstanceNotActiveException($"Project '{projectId}' has already finished ({project.RuntimeStatus}).");
        }

        var phase = project.Status?.Phase ?? ProjectPhases.Plan;
        if (phase != ProjectPhases.Approval || (decision.Gate is { } answered && project.Status!.ApprovalGate is { } waiting && answered != waiting))
        {
            throw NotWaitingForApprovalException.For(projectId, phase, project.Status?.ApprovalGate, decision.Gate);
        }

        // A status published before gates were numbered has no number: the decision goes without one, as it did then.
        var sent = decision with { Gate = project.Status!.ApprovalGate ?? decision.Gate };
        await _client.RaiseEventAsync(projectId, ApprovalDecision.EventName, sent, cancellationToken).ConfigureAwait(false);
        return sent;
    }

    /// <summary>Lists projects, newest last, optionally by status.</summary>
    public async Task<IReadOnlyList<ProjectView>> ListAsync(IReadOnlyCollection<OrchestrationRuntimeStatus>? statuses = null, CancellationToken cancellationToken = default)
    {
        var views = new List<ProjectView>();
        var query = new OrchestrationQuery
        {
            Statuses = statuses?.Select(RuntimeStatusMap.ToSdk).Distinct().ToList(),
            PageSize = 500,
            FetchInputsAndOutputs = true,
        };
        await foreach (var metadata in _client.GetAllInstancesAsync(query).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (string.Equals(metadata.Name, ProjectOrchestration.Name, StringComparison.OrdinalIgnoreCase))
            {
                views.Add(ToView(metadata, null));
            }
        }

        return views;
    }

    /// <summary>The product's KPIs over every project in the store (completion rate, response time, cost and tokens per
    /// project and per agent), with this process's uptime when it runs a worker.</summary>
    public async Task<SystemKpis> GetKpisAsync(CancellationToken cancellationToken = default)
    {
        var projects = await ListAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var now = _options.TimeProvider.GetUtcNow();
        return KpiCalculator.Compute(projects, now, now - _workerStartedAt);
    }

    /// <summary>The project's history.</summary>
    public async Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string projectId, CancellationToken cancellationToken = default) =>
        (await GetRequiredAsync(projectId, true, cancellationToken).ConfigureAwait(false)).History ?? [];

    /// <summary>The AgentSession entities of a project (one per agent that took a turn).</summary>
    public async Task<IReadOnlyList<AgentSessionState>> GetAgentsAsync(string projectId, CancellationToken cancellationToken = default)
    {
        var project = await GetRequiredAsync(projectId, false, cancellationToken).ConfigureAwait(false);
        // A terminated project's code never ran again: the turn it cut off still says "running".
        var ended = project.RuntimeStatus is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;
        var sessions = new List<AgentSessionState>();
        foreach (var agent in ProjectOrchestration.TeamOrder)
        {
            var entity = await _client.Entities.GetEntityAsync<AgentSessionState>(AgentSessionEntity.IdFor(projectId, agent), includeState: true, cancellationToken).ConfigureAwait(false);
            if (entity is not null)
            {
                sessions.Add(ended && entity.State.Status == "running" ? entity.State with { Status = "failed" } : entity.State);
            }
        }

        return sessions;
    }

    /// <summary>The project's scratchpads that have been written.</summary>
    public async Task<IReadOnlyList<Scratchpad>> GetScratchpadsAsync(string projectId, CancellationToken cancellationToken = default)
    {
        await GetRequiredAsync(projectId, false, cancellationToken).ConfigureAwait(false);
        return await DurableScratchpads.ReadAsync(_client, projectId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The commits in the project's workspace, oldest first.</summary>
    public async Task<IReadOnlyList<GitCommit>> GetCommitsAsync(string projectId, CancellationToken cancellationToken = default)
    {
        var workspace = await OpenWorkspaceAsync(projectId, cancellationToken).ConfigureAwait(false);
        return workspace is null ? [] : [.. (await workspace.LogAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Reverse()];
    }

    /// <summary>The diff between two commits of the project's workspace.</summary>
    public async Task<string> GetDiffAsync(string projectId, string from, string? to = null, CancellationToken cancellationToken = default)
    {
        var workspace = await OpenWorkspaceAsync(projectId, cancellationToken).ConfigureAwait(false)
            ?? throw new InstanceNotFoundException($"Project '{projectId}' has no workspace yet.");
        return await workspace.DiffAsync(from, to, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes a finished project's history and state, all its files — its workspace (so a project started
    /// later with the same id begins with a clean one, not this project's commits), its agent home (Claude Code's config
    /// folder with the session transcripts), the records of its processes (what they still name is killed first) and the
    /// scratchpads' mirror — and what it stored in the memory across projects.</summary>
    public async Task<int> PurgeAsync(string projectId, CancellationToken cancellationToken = default)
    {
        var removed = (await _client.PurgeInstanceAsync(projectId, cancellationToken).ConfigureAwait(false)).PurgedInstanceCount;
        if (removed > 0)
        {
            ProjectFiles.Delete(_options, projectId);
        }

        if (Memory is { } memory)
        {
            // Also when the history was gone already: a purge that failed half-way is finished by the next one.
            await memory.ForgetAsync(projectId, cancellationToken).ConfigureAwait(false);
        }

        return removed;
    }

    /// <summary>A conversational turn with <paramref name="agentId"/> in the project's context (its brief, scratchpads and a
    /// read-only copy of its workspace), run durably as an <see cref="AgentChatOrchestration"/>; waits for the reply.</summary>
    /// <exception cref="ArgumentException">The agent or message is invalid.</exception>
    /// <exception cref="InstanceNotFoundException">There is no such project.</exception>
    public async Task<AgentChatReply> ChatAsync(string projectId, string agentId, string message, CancellationToken cancellationToken = default)
    {
        if (!ProjectOrchestration.TeamOrder.Contains(agentId, StringComparer.Ordinal))
        {
            throw new ArgumentException($"agentId: '{agentId}' is not one of {string.Join(", ", ProjectOrchestration.TeamOrder)}.", nameof(agentId));
        }

        if (string.IsNullOrWhiteSpace(message) || UserText.Characters(message) > ProjectRequestValidator.MaxDescriptionLength)
        {
            throw new ArgumentException($"message: must be 1–{ProjectRequestValidator.MaxDescriptionLength:N0} characters.", nameof(message));
        }

        UserText.Validate(message, "message");

        var project = await GetRequiredAsync(projectId, false, cancellationToken).ConfigureAwait(false);
        var session = await _client.Entities.GetEntityAsync<AgentSessionState>(AgentSessionEntity.IdFor(projectId, agentId), includeState: true, cancellationToken).ConfigureAwait(false);
        var input = new AgentChatInput
        {
            ProjectId = projectId,
            AgentId = agentId,
            Message = message,
            Turn = (session?.State.Turns ?? 0) + 1,
            SessionId = session?.State.SessionId,
            Request = project.Request ?? new ProjectRequest { Description = "(unknown)" },
        };
        var chatId = await ScheduleAsync(
            AgentChatOrchestration.Name, input, new StartOrchestrationOptions { InstanceId = $"chat-{projectId}-{agentId}-{Guid.NewGuid():N}" }, cancellationToken).ConfigureAwait(false);
        var done = await _client.WaitForInstanceCompletionAsync(chatId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        return done.RuntimeStatus == Microsoft.DurableTask.Client.OrchestrationRuntimeStatus.Completed
            ? done.ReadOutputAs<AgentChatReply>()!
            : new AgentChatReply
            {
                ChatId = chatId,
                ProjectId = projectId,
                AgentId = agentId,
                Succeeded = false,
                Error = done.FailureDetails?.ErrorMessage ?? done.RuntimeStatus.ToString(),
            };
    }

    /// <summary>The workspace path of a project.</summary>
    public string WorkspaceOf(string projectId) => _options.WorkspaceDirectory(projectId);

    private NexusDurableTaskClient Nexus() => _client as NexusDurableTaskClient
        ?? throw new NotSupportedException("This Durable Task client cannot read histories; on Azure Functions the Durable extension's webhook serves them (runtime/webhooks/durabletask/instances/{id}?showHistory=true).");

    private async Task<GitWorkspace?> OpenWorkspaceAsync(string projectId, CancellationToken cancellationToken)
    {
        await GetRequiredAsync(projectId, false, cancellationToken).ConfigureAwait(false);
        var path = _options.WorkspaceDirectory(projectId);
        return Directory.Exists(Path.Combine(path, ".git")) ? await GitWorkspace.OpenOrInitAsync(path, cancellationToken: cancellationToken).ConfigureAwait(false) : null;
    }

    private async Task<ProjectView> GetRequiredAsync(string projectId, bool history, CancellationToken cancellationToken) =>
        await GetAsync(projectId, history, cancellationToken).ConfigureAwait(false)
            ?? throw new InstanceNotFoundException($"No project with id '{projectId}' exists.");

    // The store refuses an existing id atomically; the client reports it as the SDK's exception around NEXUS's, which carries
    // the existing instance's status (the HTTP host's 409 and the CLI say it).
    private async Task<string> ScheduleAsync(string name, object input, StartOrchestrationOptions options, CancellationToken cancellationToken)
    {
        try
        {
            return await _client.ScheduleNewOrchestrationInstanceAsync(new TaskName(name), input, options, cancellationToken).ConfigureAwait(false);
        }
        catch (OrchestrationAlreadyExistsException e) when (e.InnerException is InstanceAlreadyExistsException exists)
        {
            ExceptionDispatchInfo.Capture(exists).Throw();
            throw;
        }
    }

    private ProjectView ToView(OrchestrationMetadata metadata, IReadOnlyList<HistoryEvent>? history)
    {
        var status = RuntimeStatusMap.ToEngine(metadata.RuntimeStatus);
        return new ProjectView
        {
            Id = metadata.InstanceId,
            RuntimeStatus = status,
            Request = metadata.SerializedInput is null ? null : metadata.ReadInputAs<ProjectRequest>(),
            Status = metadata.SerializedCustomStatus is null ? null : metadata.ReadCustomStatusAs<ProjectStatus>(),
            Report = status == OrchestrationRuntimeStatus.Completed && metadata.SerializedOutput is not null
                ? metadata.ReadOutputAs<ProjectReport>()
                : null,
            Failure = FailureDetails.From(metadata.FailureDetails),
            CreatedTime = metadata.CreatedAt,
            LastUpdatedTime = metadata.LastUpdatedAt,
            Workspace = _options.WorkspaceDirectory(metadata.InstanceId),
            History = history,
        };
    }
}

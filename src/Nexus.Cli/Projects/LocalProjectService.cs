using System.Runtime.CompilerServices;
using Nexus.Agents.Messaging;
using Nexus.Agents.Scratchpads;
using Nexus.Cli.Output;
using Nexus.Cli.Setup;
using Nexus.Api.Contracts;
using Nexus.Durable;
using Nexus.Durable.History;
using Nexus.Server.Queue;
using Nexus.Workflows.Hosting;
using Nexus.Workflows.Live;
using Nexus.Workflows.Model;
using Nexus.Hosting;
using Nexus.Hosting.Kpis;
using Nexus.Hosting.Memory;

namespace Nexus.Cli.Projects;

/// <summary>The projects of this machine's store (<c>{data}/nexus.db</c>, or PostgreSQL with <c>--store postgres</c>) through
/// the embedded runtime, and the submission queue next to it (<c>{data}/submissions.db</c>, or the database's): the one a
/// <c>nexus serve</c> on the same store consumes.</summary>
/// <remarks>Nothing is created by reading: the runtime opens on first use, and only when the store exists or a project
/// is started. With <see cref="NexusOptions.RunWorker"/> this process carries the projects it opens on.</remarks>
internal sealed class LocalProjectService(NexusOptions options) : IProjectService
{
    private NexusRuntime? _runtime;
    private ISubmissionQueue? _submissions;

    public NexusOptions Options => options;

    public string Where => $"in {CliRuntime.Describe(options)}";

    public string SameTarget => options.DataPath == new NexusOptions().DataPath ? string.Empty : $" --data {options.DataPath}";

    public bool IsRemote => false;

    public TimeProvider TimeProvider => options.TimeProvider;

    public string FilesOf(string projectId) => $"in {options.ProjectDirectory(projectId)}";

    public async Task<ProjectView?> GetAsync(string projectId, CancellationToken cancellationToken = default)
    {
        if (await RuntimeAsync(create: false, cancellationToken) is not { } runtime
            || await runtime.Projects.GetAsync(projectId, cancellationToken: cancellationToken) is not { } view)
        {
            return null;
        }

        return await TerminationReason.AddAsync(runtime, view, cancellationToken);
    }

    public async Task<string?> AnnounceLeaseWaitAsync(string projectId, CancellationToken cancellationToken = default)
    {
        var runtime = await RequiredRuntimeAsync(projectId, cancellationToken);
        return (await runtime.AnnounceLeaseWaitAsync(projectId, cancellationToken))?.Describe(options.TimeProvider.GetUtcNow());
    }

    public async Task<DurableStatus?> GetDurableStatusAsync(string projectId, CancellationToken cancellationToken = default)
    {
        if (await GetAsync(projectId, cancellationToken) is null)
        {
            return null;
        }

        var metadata = await (await RequiredRuntimeAsync(projectId, cancellationToken)).Durable.GetInstanceAsync(projectId, getInputsAndOutputs: true, cancellationToken);
        return metadata is null ? null : DurableStatus.From(metadata);
    }

    public async Task<IReadOnlyList<ProjectView>> ListAsync(IReadOnlyCollection<OrchestrationRuntimeStatus> statuses, CancellationToken cancellationToken = default) =>
        await RuntimeAsync(create: false, cancellationToken) is { } runtime ? await runtime.Projects.ListAsync(statuses, cancellationToken) : [];

    public async Task<MemorySearchResponse> SearchMemoryAsync(string text, int limit, CancellationToken cancellationToken = default)
    {
        var memory = ProjectMemories.For(options);
        try
        {
            // A data directory whose projects never stored anything has no memory file: nothing to find, nothing created.
            var hits = options.ResolveStore() == NexusStoreKind.Sqlite && !File.Exists(options.MemoryDatabasePath)
                ? []
                : await memory.SearchAsync(text, limit, cancellationToken: cancellationToken);
            return MemorySearchResponse.From(text, memory, hits);
        }
        finally
        {
            if (memory is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
        }
    }

    public async Task<SystemKpis> GetKpisAsync(CancellationToken cancellationToken = default) =>
        await RuntimeAsync(create: false, cancellationToken) is { } runtime
            ? await runtime.Projects.GetKpisAsync(cancellationToken)
            : KpiCalculator.Compute([], TimeProvider.GetUtcNow(), uptime: null);

    public async Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string projectId, CancellationToken cancellationToken = default) =>
        await (await RequiredRuntimeAsync(projectId, cancellationToken)).Projects.GetHistoryAsync(projectId, cancellationToken);

    public async Task<IReadOnlyList<AgentSessionState>> GetAgentsAsync(string projectId, CancellationToken cancellationToken = default) =>
        await (await RequiredRuntimeAsync(projectId, cancellationToken)).Projects.GetAgentsAsync(projectId, cancellationToken);

    public async Task<IReadOnlyList<Scratchpad>> GetScratchpadsAsync(string projectId, CancellationToken cancellationToken = default) =>
        await (await RequiredRuntimeAsync(projectId, cancellationToken)).Projects.GetScratchpadsAsync(projectId, cancellationToken);

    public async Task<string> StartAsync(ProjectRequest request, string? projectId, CancellationToken cancellationToken = default) =>
        await (await RuntimeAsync(create: true, cancellationToken))!.Projects.StartAsync(request, projectId, cancellationToken);

    public async Task RetryAsync(string projectId, RetryLimits limits, CancellationToken cancellationToken = default) =>
        await (await RequiredRuntimeAsync(projectId, cancellationToken)).Projects.RetryAsync(projectId, limits, cancellationToken);

    public async Task RestartAsync(string projectId, CancellationToken cancellationToken = default) =>
        await (await RequiredRuntimeAsync(projectId, cancellationToken)).Projects.RestartAsync(projectId, cancellationToken);

    public async Task CancelAsync(string projectId, string reason, CancellationToken cancellationToken = default) =>
        await (await RequiredRuntimeAsync(projectId, cancellationToken)).Projects.CancelAsync(projectId, reason, cancellationToken);

    public async Task ApproveAsync(string projectId, ApprovalDecision decision, CancellationToken cancellationToken = default) =>
        await (await RequiredRuntimeAsync(projectId, cancellationToken)).Projects.ApproveAsync(projectId, decision, cancellationToken);

    public async Task<int> PurgeAsync(string projectId, CancellationToken cancellationToken = default) =>
        await (await RequiredRuntimeAsync(projectId, cancellationToken)).Projects.PurgeAsync(projectId, cancellationToken);

    // Reads at each change of the store (or tick). Changes made by another process do not notify this one: the tick sees them.
    public async IAsyncEnumerable<ProjectView> WatchAsync(string projectId, TimeSpan tick, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var view = await GetAsync(projectId, cancellationToken)
                ?? throw new InstanceNotFoundException($"project '{projectId}' no longer exists (purged while it was watched)");
            yield return view;
            if (view.RuntimeStatus.IsTerminal())
            {
                yield break;
            }

            await (await RequiredRuntimeAsync(projectId, cancellationToken)).Projects.WaitForChangeAsync(projectId, tick, cancellationToken);
        }
    }

    // This process's feed: the steps this process runs (run, demo, resume); a project run by another process shows none.
    public async IAsyncEnumerable<LiveActivity> ActivityAsync(string projectId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var subscription = (await RequiredRuntimeAsync(projectId, cancellationToken)).Projects.Activity.Subscribe(projectId);
        foreach (var activity in subscription.Recent)
        {
            yield return activity;
        }

        await foreach (var activity in subscription.Reader.ReadAllAsync(cancellationToken))
        {
            yield return activity;
        }
    }

    public async Task<SubmissionOutcome> SubmitAsync(TaskAssignment assignment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        var queue = Submissions();
        var added = await queue.EnqueueAsync(assignment.MessageId, (int)assignment.Priority, MessageJson.Serialize(assignment), cancellationToken);
        var state = added ? "queued" : (await queue.GetAsync(assignment.MessageId, cancellationToken))?.State ?? "queued";
        return new SubmissionOutcome(assignment.MessageId, !added, state);
    }

    public async Task<SubmissionRecord?> GetSubmissionAsync(string messageId, CancellationToken cancellationToken = default)
    {
        if (_submissions is null && !IsPostgres && !File.Exists(SubmissionsPath(options)))
        {
            return null;
        }

        return await Submissions().GetAsync(messageId, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        switch (_submissions)
        {
            case IAsyncDisposable queue:
                await queue.DisposeAsync();
                break;
            case IDisposable queue:
                queue.Dispose();
                break;
        }

        if (_runtime is not null)
        {
            await _runtime.DisposeAsync();
        }
    }

    /// <summary>Where the submission queue is, for messages: its SQLite file, or the PostgreSQL store.</summary>
    public string QueueLocation => IsPostgres ? CliRuntime.Describe(options) : SubmissionsPath(options);

    /// <summary>The submission queue's file in the data directory.</summary>
    public static string SubmissionsPath(NexusOptions options) => Path.Combine(options.DataPath, "submissions.db");

    private bool IsPostgres => options.ResolveStore() == NexusStoreKind.Postgres;

    // The same queue the host consumes (NexusHost): next to the durable state.
    private ISubmissionQueue Submissions()
    {
        if (_submissions is null && !IsPostgres)
        {
            CliRuntime.PrepareDataDirectory(options);
        }

        return _submissions ??= IsPostgres ? new PostgresSubmissionStore(options) : new SqliteSubmissionStore(options);
    }

    private async Task<NexusRuntime?> RuntimeAsync(bool create, CancellationToken cancellationToken)
    {
        if (_runtime is null && (create || IsPostgres || File.Exists(CliRuntime.DatabasePath(options))))
        {
            _runtime = await CliRuntime.StartAsync(options, cancellationToken);
        }

        return _runtime;
    }

    private async Task<NexusRuntime> RequiredRuntimeAsync(string projectId, CancellationToken cancellationToken) =>
        await RuntimeAsync(create: false, cancellationToken) ?? throw new InstanceNotFoundException(CliRuntime.UnknownProject(projectId, options));
}

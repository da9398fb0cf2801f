using Nexus.Agents.Roles;
using Nexus.Agents.Sandboxing;
using Nexus.Agents.Scratchpads;
using Nexus.Agents.Security;
using Nexus.Durable.Client;
using Nexus.Durable.Registry;
using Nexus.Durable.Postgres;
using Nexus.Durable.Sqlite;
using Nexus.Durable.Storage;
using Nexus.Durable.Worker;
using Nexus.Hosting.Live;
using Nexus.Hosting.Telemetry;
using Nexus.Workflows.Live;

using Nexus.Workflows.Hosting;

using Nexus.Workflows.Model;

namespace Nexus.Hosting;

/// <summary>The composition root: store, registry (the project workflow), worker and clients. One per process.</summary>
/// <example><code>
/// await using var nexus = await NexusRuntime.StartAsync(new NexusOptions { DataDirectory = ".nexus" });
/// var id = await nexus.Projects.StartAsync(new ProjectRequest { Description = "…", Provider = "replay" });
/// var done = await nexus.Projects.WaitAsync(id);
/// </code></example>
public sealed class NexusRuntime : IAsyncDisposable
{
    private NexusRuntime(
        NexusOptions options, IDurableStore store, DurableWorker? worker, NexusDurableTaskClient client, ProjectClient projects, AgentTurnGate gate, SandboxProvider sandbox,
        SecretRedactor redactor, AgentCatalog agents, TelemetryExport? telemetry, ILiveActivityRelay? relay)
    {
        _telemetry = telemetry;
        _relay = relay;
        Agents = agents;
        Sandbox = sandbox;
        Options = options;
        Redactor = redactor;
        Store = store;
        Worker = worker;
        Durable = client;
        Projects = projects;
        TurnGate = gate;
    }

    private readonly TelemetryExport? _telemetry;
    private readonly ILiveActivityRelay? _relay;

    /// <summary>The options in use.</summary>
    public NexusOptions Options { get; }

    /// <summary>The store.</summary>
    public IDurableStore Store { get; }

    /// <summary>The agents this runtime runs: the built-ins with the configuration file merged over them (see <see cref="LoadAgents"/>).</summary>
    public AgentCatalog Agents { get; }

    /// <summary>The in-process worker (null when <see cref="NexusOptions.RunWorker"/> is off).</summary>
    public DurableWorker? Worker { get; }

    /// <summary>The Durable Task client over this runtime's store (the SDK's <c>DurableTaskClient</c>): the one door to
    /// instances for the Durable-style API; <see cref="Projects"/> is the NEXUS view on top of it.</summary>
    public NexusDurableTaskClient Durable { get; }

    /// <summary>The project client.</summary>
    public ProjectClient Projects { get; }

    /// <summary>How agents and test runs are confined here (bubblewrap, or none by the operator's choice).</summary>
    public SandboxProvider Sandbox { get; }

    /// <summary>The one redactor of this process: the environment's secret variables, <see cref="WorkflowOptions.SecretValues"/>
    /// and the credential shapes. Scratchpads, agent output and test logs go through it, the commit scan searches for its
    /// values, and the HTTP host passes what it serves through it.</summary>
    public SecretRedactor Redactor { get; }

    /// <summary>The per-backend limit on concurrent agent turns (observable for tests and diagnostics).</summary>
    public AgentTurnGate TurnGate { get; }

    /// <summary>Opens the store (creating the data directory), registers the workflow and starts the worker.</summary>
    /// <exception cref="SandboxUnavailableException">With a worker: no sandbox can start here and <see cref="WorkflowOptions.Unsandboxed"/> is off.</exception>
    public static async Task<NexusRuntime> StartAsync(NexusOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ValidateStore();
        options.ValidateScratchpads();
        // Before anything is created: a configuration file that is missing or invalid stops the start with its name and line.
        var agents = LoadAgents(options);
        if (agents.Gates is { } gates)
        {
            // The file's gates: section, with NEXUS_GATES, NEXUS_MIN_COVERAGE and NEXUS_MAX_COMPLEXITY over it.
            options.Gates = GateSettings.FromEnvironment(Environment.GetEnvironmentVariable, gates);
        }

        Directory.CreateDirectory(options.DataPath);
        var sandbox = CreateSandbox(options);
        if (options.RunWorker)
        {
            // A worker runs agents: where no sandbox starts, refuse now (unless the operator opted out), not at the first step.
            sandbox.EnsureAgentsAllowed();
        }

        var store = options.StoreFactory?.Invoke(options) ?? CreateStore(options);
        var telemetry = TelemetryExport.Start(options);
        var relay = CreateRelay(options);
        try
        {
            await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
            // The environment is read here, once; whatever else is secret (the host's API keys) arrives in the options.
            var redactor = SecretRedactor.FromEnvironment().With(options.SecretValues).With(ConnectionSecrets(options));
            IScratchpadStore scratchpads = options.UsesBlobScratchpads
                ? BlobScratchpadStore.Create(options.ScratchpadsConnection!, redactor: redactor)
                : new FileScratchpadStore(Path.Combine(options.DataPath, "projects"), redactor);
            var gate = new AgentTurnGate(options.MaxAgentTurnsPerBackend);
            var registry = new DurableRegistry();
            var client = new NexusDurableTaskClient("nexus", store, timeProvider: options.TimeProvider);
            var activity = new LiveActivityFeed(options.TimeProvider);
            if (relay is not null)
            {
                // Before the worker: every step's activity reaches the other processes of this store.
                activity.Connect(relay);
                await relay.StartAsync(activity, cancellationToken).ConfigureAwait(false);
            }

            var memory = Memory.ProjectMemories.For(options);
            var services = new WorkflowServices(options, scratchpads, gate, redactor, client, sandbox, activity, memory);
            WorkflowRegistration.Register(registry, services, agents);
            DurableWorker? worker = null;
            if (options.RunWorker)
            {
                // Short leases: after a crash, `nexus resume` (or another worker) takes the work over within seconds.
                // Running agent turns renew theirs every few seconds, however long they take.
                var workerOptions = new DurableWorkerOptions
                {
                    TimeProvider = options.TimeProvider,
                    MinPollingInterval = TimeSpan.FromMilliseconds(20),
                    LeaseDuration = TimeSpan.FromSeconds(15),
                    LeaseRenewalInterval = TimeSpan.FromSeconds(3),
                };
                workerOptions.InstanceEnded = ProjectSpans.Report;
                options.ConfigureWorker?.Invoke(workerOptions);
                worker = new DurableWorker(store, registry, workerOptions);
                await worker.StartAsync(cancellationToken).ConfigureAwait(false);
            }

            return new NexusRuntime(
                options, store, worker, client, ProjectClient.Over(client, options, worker is null ? null : options.TimeProvider.GetUtcNow(), activity, memory), gate, sandbox,
                redactor, agents, telemetry, relay);
        }
        catch
        {
            telemetry?.Dispose();
            if (relay is not null)
            {
                await relay.DisposeAsync().ConfigureAwait(false);
            }

            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    // Connection strings given as options rather than through the environment are secrets too.
    private static IEnumerable<KeyValuePair<string, string>> ConnectionSecrets(NexusOptions options)
    {
        if (options.Connection is { Length: > 0 } connection)
        {
            yield return new(NexusOptions.ConnectionVariable, connection);
        }

        if (options.ScratchpadsConnection is { Length: > 0 } pads)
        {
            yield return new(NexusOptions.ScratchpadsConnectionVariable, pads);
        }
    }

    /// <summary>The lease another worker holds on <paramref name="projectId"/>'s work, if it has not lapsed (a step that
    /// worker runs, or ran when it was killed); <see langword="null"/> when none, or when this runtime's worker holds it.
    /// With a worker here, the wait is also published as the project's live activity (the stream and dashboard of every
    /// process of the store show it), so a resumed project never sits silent while a dead worker's lease runs out.</summary>
    public async Task<ProjectLease?> AnnounceLeaseWaitAsync(string projectId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(projectId);
        var diagnostics = await Store.GetDiagnosticsAsync(projectId, cancellationToken).ConfigureAwait(false);
        var now = Options.TimeProvider.GetUtcNow();
        if (diagnostics is not { LeaseOwner: { } owner, LeasedUntil: { } until } || until <= now || owner == Worker?.WorkerId)
        {
            return null;
        }

        var lease = new ProjectLease(owner, until, ProjectLease.IsGone(owner));
        if (Worker is not null)
        {
            Projects.Activity.Publish(new LiveActivity
            {
                ProjectId = projectId,
                AgentId = "nexus",
                AgentName = "NEXUS",
                Kind = LiveActivityKind.Recovery,
                Text = lease.Describe(now),
            });
        }

        return lease;
    }

    /// <summary>The agents <paramref name="options"/> configure: the built-ins with the file of
    /// <see cref="WorkflowOptions.ResolveAgentConfigPath"/> merged over them, if there is one.</summary>
    /// <exception cref="AgentConfigurationException">The file is missing, unreadable or invalid; the message names the file
    /// (and, when the YAML is invalid, the agent, field and line).</exception>
    public static AgentCatalog LoadAgents(NexusOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return AgentCatalog.Load(options.ResolveAgentConfigPath());
    }

    /// <summary>The sandbox of agents and test runs: the data directory (store, API key, other projects) is never visible.</summary>
    public static SandboxProvider CreateSandbox(NexusOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var sandbox = new SandboxOptions { Unsandboxed = options.Unsandboxed };
        sandbox.HiddenPaths.Add(options.DataPath);
        foreach (var path in options.SandboxReadOnlyPaths)
        {
            sandbox.ReadOnlyPaths.Add(path);
        }

        return new SandboxProvider(sandbox);
    }

    /// <summary>How live activity reaches the other processes of the store <paramref name="options"/> select: a NOTIFY
    /// channel of the PostgreSQL schema, or <c>{data}/live.db</c> beside the embedded store; none for a store a test
    /// supplies (<see cref="NexusOptions.StoreFactory"/>).</summary>
    private static ILiveActivityRelay? CreateRelay(NexusOptions options) => options.ResolveStore() switch
    {
        NexusStoreKind.Postgres when options.StoreFactory is null => new PostgresLiveActivityRelay(options.Connection!, options.Schema),
        _ when options.StoreFactory is null => new SqliteLiveActivityRelay(Path.Combine(options.DataPath, "live.db"), options.TimeProvider),
        _ => null,
    };

    /// <summary>The store <paramref name="options"/> select: SQLite at <c>{data}/nexus.db</c>, or PostgreSQL.</summary>
    private static IDurableStore CreateStore(NexusOptions options) => options.ResolveStore() switch
    {
        NexusStoreKind.Postgres => new PostgresDurableStore(new PostgresStoreOptions
        {
            ConnectionString = options.Connection!,
            Schema = options.Schema,
            TimeProvider = options.TimeProvider,
        }),
        _ => new SqliteDurableStore(new SqliteStoreOptions
        {
            DatabasePath = Path.Combine(options.DataPath, "nexus.db"),
            TimeProvider = options.TimeProvider,
        }),
    };

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (Worker is not null)
        {
            await Worker.DisposeAsync().ConfigureAwait(false);
        }

        if (_relay is not null)
        {
            await _relay.DisposeAsync().ConfigureAwait(false);
        }

        await Store.DisposeAsync().ConfigureAwait(false);
        if (Projects.Memory is IAsyncDisposable memory)
        {
            await memory.DisposeAsync().ConfigureAwait(false);
        }

        // Last: what the worker's final steps recorded is flushed.
        _telemetry?.Dispose();
    }
}

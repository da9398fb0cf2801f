using Nexus.Agents.Scratchpads;
using Nexus.Agents.Sandboxing;
using Nexus.Agents.Security;
using Microsoft.DurableTask.Client;
using Nexus.Workflows.Live;

namespace Nexus.Workflows.Hosting;

/// <summary>What the workflow's activities need from their host (paths, stores, limits, backends).</summary>
public sealed class WorkflowServices
{
    public WorkflowServices(
        WorkflowOptions options, IScratchpadStore scratchpads, AgentTurnGate gate, SecretRedactor redactor, DurableTaskClient client, SandboxProvider sandbox,
        LiveActivityFeed? activity = null, Memory.IProjectMemory? memory = null)
    {
        Memory = memory;
        Activity = activity ?? new LiveActivityFeed(options.TimeProvider);
        Sandbox = sandbox;
        Options = options;
        Scratchpads = scratchpads;
        Gate = gate;
        Redactor = redactor;
        Scanner = new SecretScanner(redactor);
        Client = client;
        Backends = new AgentBackendFactory(options, redactor);
    }

    public WorkflowOptions Options { get; }

    public IScratchpadStore Scratchpads { get; }

    public AgentTurnGate Gate { get; }

    public SecretRedactor Redactor { get; }

    /// <summary>The check every step's work passes before it is committed (the redactor's values and the credential shapes).</summary>
    public SecretScanner Scanner { get; }

    /// <summary>The Durable Task client the activities read entity state through (NEXUS's, or the Function App's binding).</summary>
    public DurableTaskClient Client { get; }

    internal AgentBackendFactory Backends { get; }

    /// <summary>How agent processes and test runs are confined (decided once per process).</summary>
    public SandboxProvider Sandbox { get; }

    /// <summary>Where running steps publish their live activity (tool uses, retries, session restarts).</summary>
    public LiveActivityFeed Activity { get; }

    /// <summary>The memory across projects, or <see langword="null"/> where this host has none (the Function App without a
    /// shared PostgreSQL store): then nothing is recalled or stored.</summary>
    public Memory.IProjectMemory? Memory { get; }

    public TimeProvider Time => Options.TimeProvider;
}

using Microsoft.DurableTask.Client;
using Nexus.Agents.Roles;
using Nexus.Agents.Sandboxing;
using Nexus.Agents.Scratchpads;
using Nexus.Agents.Security;
using Nexus.Workflows.Hosting;
using Nexus.Hosting;
using Nexus.Hosting.Memory;
using Nexus.Workflows.Memory;

namespace Nexus.Functions.Workflow;

/// <summary>What the workflow's activities need in the Function App, created once per worker process: the options (from
/// the app settings, which are its environment), the agents, the sandbox, the redactor, the per-backend limit of agent
/// turns and the scratchpads as blobs on the app's storage connection.</summary>
public sealed class WorkflowHost
{
    /// <summary>Creates the host's services.</summary>
    /// <param name="options">The options (<see cref="NexusOptions"/> reads <c>NEXUS_DATA</c>, <c>NEXUS_CONFIG</c>, … itself).</param>
    /// <param name="scratchpads">The scratchpad store (blobs in the Function App).</param>
    /// <param name="redactor">The process's redactor.</param>
    public WorkflowHost(NexusOptions options, IScratchpadStore scratchpads, SecretRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(scratchpads);
        ArgumentNullException.ThrowIfNull(redactor);
        Options = options;
        Scratchpads = scratchpads;
        Redactor = redactor;
        Agents = NexusRuntime.LoadAgents(options);
        Sandbox = NexusRuntime.CreateSandbox(options);
        Gate = new AgentTurnGate(options.MaxAgentTurnsPerBackend);
        Memory = ProjectMemories.Shared(options);
    }

    /// <summary>The memory across projects: the shared PostgreSQL store's when the app settings name it
    /// (<c>NEXUS_STORE=postgres</c> and <c>NEXUS_CONNECTION</c>), else <see langword="null"/> (nothing is recalled or stored).</summary>
    public IProjectMemory? Memory { get; }

    /// <summary>The options.</summary>
    public NexusOptions Options { get; }

    /// <summary>The agents (built-ins with the configuration file merged over them).</summary>
    public AgentCatalog Agents { get; }

    /// <summary>How agent processes and test runs are confined.</summary>
    public SandboxProvider Sandbox { get; }

    /// <summary>The redactor of this process.</summary>
    public SecretRedactor Redactor { get; }

    /// <summary>The scratchpad store.</summary>
    public IScratchpadStore Scratchpads { get; }

    /// <summary>The per-backend limit of concurrent agent turns in this worker process.</summary>
    public AgentTurnGate Gate { get; }

    /// <summary>The activities' services over the Durable client bound to this invocation.</summary>
    internal WorkflowServices ServicesFor(DurableTaskClient client) => new(Options, Scratchpads, Gate, Redactor, client, Sandbox, memory: Memory);
}

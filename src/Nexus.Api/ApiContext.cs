using Nexus.Api.Handlers;
using Nexus.Api.Intake;
using Nexus.Workflows.Hosting;
using Nexus.Hosting;

namespace Nexus.Api;

/// <summary>What the shared handlers work with for one request: the project view over the host's Durable Task client, the
/// starter (validation, idempotency), the submission intake, the options and the clock.</summary>
/// <remarks>The local host builds one over NEXUS's runtime; the Function App builds one per invocation over the client the
/// Durable extension binds (<c>[DurableClient]</c>) — the same abstract <c>DurableTaskClient</c> either way.</remarks>
internal sealed class ApiContext
{
    public ApiContext(ProjectClient projects, IIdempotencyStore idempotency, ISubmissionIntake intake, ApiOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(projects);
        ArgumentNullException.ThrowIfNull(idempotency);
        ArgumentNullException.ThrowIfNull(intake);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        Projects = projects;
        Starter = new ProjectStarter(projects, idempotency);
        Intake = intake;
        Options = options;
        Time = time;
    }

    /// <summary>The NEXUS project view over the Durable Task client.</summary>
    public ProjectClient Projects { get; }

    /// <summary>Starts projects (validation, id, idempotency key).</summary>
    public ProjectStarter Starter { get; }

    /// <summary>Where <c>POST /api/queue</c> puts task-assignment envelopes.</summary>
    public ISubmissionIntake Intake { get; }

    /// <summary>The API's options.</summary>
    public ApiOptions Options { get; }

    /// <summary>The host's clock (NEXUS's <c>TimeProvider</c>): "now" for filters such as a bulk purge's <c>olderThanDays</c>.</summary>
    public TimeProvider Time { get; }
}

namespace Nexus.Api;

/// <summary>The routes of the shared handlers, relative to <c>/api</c> (the Functions host's default route prefix; the
/// local host maps them in its <c>/api</c> group). One home: the local host's endpoint table and the Function App's
/// <c>[HttpTrigger]</c> attributes both name these constants.</summary>
public static class ApiRoutes
{
    /// <summary>Start (POST) and list (GET) projects.</summary>
    public const string Projects = "projects";

    /// <summary>A project's status (GET) and purge (DELETE).</summary>
    public const string Project = "projects/{id}";

    /// <summary>Purge many finished projects (POST): ids or a filter. A literal segment, and POST is no method of
    /// <see cref="Project"/>, so neither host's routing can take it for a project id.</summary>
    public const string PurgeProjects = "projects/purge";

    /// <summary>Terminate a project.</summary>
    public const string Terminate = "projects/{id}/terminate";

    /// <summary>Suspend a project.</summary>
    public const string Suspend = "projects/{id}/suspend";

    /// <summary>Resume a project.</summary>
    public const string Resume = "projects/{id}/resume";

    /// <summary>Raise an event (<c>approval</c>).</summary>
    public const string RaiseEvent = "projects/{id}/events/{name}";

    /// <summary>Run a finished project again.</summary>
    public const string Restart = "projects/{id}/restart";

    /// <summary>Continue a failed or terminated project from the step that did not finish.</summary>
    public const string Retry = "projects/{id}/retry";

    /// <summary>A project's scratchpads.</summary>
    public const string Scratchpads = "projects/{id}/scratchpads";

    /// <summary>One scratchpad.</summary>
    public const string Scratchpad = "projects/{id}/scratchpads/{name}";

    /// <summary>A project's commits.</summary>
    public const string Commits = "projects/{id}/commits";

    /// <summary>A diff between two commits.</summary>
    public const string Diff = "projects/{id}/diff";

    /// <summary>A project's agent sessions.</summary>
    public const string ProjectAgents = "projects/{id}/agents";

    /// <summary>Alias of a project start.</summary>
    public const string TaskCreate = "tasks/create";

    /// <summary>A task's status.</summary>
    public const string TaskStatus = "tasks/{id}/status";

    /// <summary>A task's result.</summary>
    public const string TaskResult = "tasks/{id}/result";

    /// <summary>Cancel a task (DELETE).</summary>
    public const string Task = "tasks/{id}";

    /// <summary>The team's status.</summary>
    public const string AgentsStatus = "agents/status";

    /// <summary>A conversation turn with an agent.</summary>
    public const string AgentMessage = "agents/{agentId}/message";

    /// <summary>An agent's session in a project.</summary>
    public const string AgentSession = "agents/{agentId}/session";

    /// <summary>The durable entities (agent sessions and scratchpads), read-only.</summary>
    public const string Entities = "entities";

    /// <summary>The product's KPIs over every project.</summary>
    public const string Kpis = "kpis";

    /// <summary>Search the memory across projects (<c>?q=</c>).</summary>
    public const string Memory = "memory";

    /// <summary>Submit a task-assignment envelope.</summary>
    public const string Queue = "queue";
}

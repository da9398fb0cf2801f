using Nexus.Durable;

namespace Nexus.Api.Handlers;

/// <summary>The 409 of a start whose project id exists: what exists, in which state, and what the caller can do.</summary>
internal static class ProjectConflict
{
    /// <summary>The exception as the API reports it (the engine's, with a detail for API callers and the same id and status).</summary>
    public static InstanceAlreadyExistsException ForApi(InstanceAlreadyExistsException refused, string projectId)
    {
        ArgumentNullException.ThrowIfNull(refused);
        var id = refused.InstanceId ?? projectId;
        var path = $"/api/projects/{id}";
        var retry = $"POST {path}/retry, or: nexus retry {id}";
        var restart = $"POST {path}/restart, or: nexus restart {id}";
        var purge = $"DELETE {path}, or: nexus purge {id}";
        var detail = refused.RuntimeStatus switch
        {
            { } s when s.IsActive() =>
                $"Project '{id}' already exists and is {s}; a start never replaces a project. Choose another id, or stop it " +
                $"(POST {path}/terminate) and delete it ({purge}) first.",
            OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated =>
                $"Project '{id}' already exists ({refused.RuntimeStatus}); a start never replaces a project. Choose another id, " +
                $"continue it from the step that did not finish ({retry}), run it again from the start with its own request " +
                $"({restart}), or delete it first ({purge}).",
            { } s =>
                $"Project '{id}' already exists ({s}); a start never replaces a project. Choose another id, run it again from the " +
                $"start with its own request ({restart}), or delete it first ({purge}).",
            null =>
                $"Project '{id}' already exists; a start never replaces a project. Choose another id, continue a failed or " +
                $"terminated one ({retry}), run a finished one again ({restart}), or delete it first ({purge}).",
        };
        return new InstanceAlreadyExistsException(detail, refused) { InstanceId = id, RuntimeStatus = refused.RuntimeStatus };
    }
}

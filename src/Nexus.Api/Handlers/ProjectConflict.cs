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
        var detail = refused.RuntimeStatus switch
        {
            { } s when s.IsActive() =>
                $"Project '{id}' already exists and is {s}; a start never replaces a project. Choose another id, or stop it " +
                $"(POST {path}/terminate) and delete it (DELETE {path}, or: nexus purge {id}) first.",
            { } s =>
                $"Project '{id}' already exists ({s}); a start never replaces a project. Choose another id, or delete it first " +
                $"(DELETE {path}, or: nexus purge {id}); POST {path}/restart runs it again with its own request.",
            null =>
                $"Project '{id}' already exists; a start never replaces a project. Choose another id, or delete it first (DELETE {path}, or: nexus purge {id}).",
        };
        return new InstanceAlreadyExistsException(detail, refused) { InstanceId = id, RuntimeStatus = refused.RuntimeStatus };
    }
}

using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Nexus.Agents.Scratchpads;
using Nexus.Durable;
using Nexus.Api.Intake;
using Nexus.Api.Security;
using Nexus.Workflows.Hosting;
using Nexus.Workflows.Model;
using Nexus.Hosting;

namespace Nexus.Api.Handlers;

/// <summary>Starts projects for the API, the task aliases and the queue: validation first (nothing starts on bad input),
/// then the idempotency key, then the engine.</summary>
internal sealed class ProjectStarter(ProjectClient projects, IIdempotencyStore idempotency)
{
    /// <summary>The longest accepted <c>Idempotency-Key</c>.</summary>
    public const int MaxKeyLength = 200;

    /// <summary>Starts <paramref name="request"/> as <paramref name="projectId"/> (or a new id). An
    /// <paramref name="idempotencyKey"/> belongs to the API key of <paramref name="caller"/>: two clients with different keys
    /// never see each other's projects through the same Idempotency-Key.</summary>
    /// <returns>The project id and whether this call started it (<see langword="false"/>: an idempotent repeat).</returns>
    /// <exception cref="ArgumentException">The id or key is invalid.</exception>
    /// <exception cref="InstanceAlreadyExistsException">The id exists, in any state (never replaced); the message says what to do.</exception>
    /// <exception cref="IdempotencyConflictException">The key was used with another request.</exception>
    public async Task<(string ProjectId, bool Started)> StartAsync(
        ProjectRequest request, string? projectId, string? idempotencyKey, ClaimsPrincipal? caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (projectId is not null)
        {
            ProjectIds.Validate(projectId, "id");
        }

        if (idempotencyKey is null)
        {
            var id = projectId ?? NewId();
            try
            {
                return (await projects.StartAsync(request, id, cancellationToken).ConfigureAwait(false), true);
            }
            catch (InstanceAlreadyExistsException e)
            {
                throw ProjectConflict.ForApi(e, id);
            }
        }

        if (idempotencyKey.Length is 0 or > MaxKeyLength || idempotencyKey.Any(c => c is < '!' or > '~'))
        {
            throw new ArgumentException($"Idempotency-Key: use 1–{MaxKeyLength} printable ASCII characters without spaces.", nameof(idempotencyKey));
        }

        var hash = Hash(request, projectId);
        var scopedKey = $"{caller?.FindFirst(ApiKeyGate.KeyIdClaim)?.Value ?? "anonymous"}/{idempotencyKey}";
        var record = await idempotency.GetOrAddAsync(scopedKey, projectId ?? NewId(), hash, cancellationToken).ConfigureAwait(false);
        if (!record.Created)
        {
            if (!string.Equals(record.RequestHash, hash, StringComparison.Ordinal))
            {
                throw new IdempotencyConflictException($"Idempotency-Key '{idempotencyKey}' was already used with a different request (project '{record.ProjectId}').");
            }

            if (await projects.Durable.GetInstanceAsync(record.ProjectId, cancellationToken).ConfigureAwait(false) is not null)
            {
                return (record.ProjectId, false);
            }
        }

        try
        {
            return (await projects.StartAsync(request, record.ProjectId, cancellationToken).ConfigureAwait(false), true);
        }
        catch (InstanceAlreadyExistsException) when (!record.Created)
        {
            return (record.ProjectId, false);
        }
        catch (Exception e)
        {
            if (record.Created)
            {
                await idempotency.RemoveAsync(scopedKey, CancellationToken.None).ConfigureAwait(false);
            }

            if (e is InstanceAlreadyExistsException refused)
            {
                throw ProjectConflict.ForApi(refused, record.ProjectId);
            }

            throw;
        }
    }

    private static string NewId() => $"p-{Guid.NewGuid().ToString("N")[..12]}";

    private static string Hash(ProjectRequest request, string? projectId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { request, projectId }))));
}

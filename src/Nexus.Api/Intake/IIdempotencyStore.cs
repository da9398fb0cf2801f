namespace Nexus.Api.Intake;

/// <summary>Durable <c>Idempotency-Key</c> → project id records, so a retried start returns the same project.</summary>
internal interface IIdempotencyStore
{
    /// <summary>Records <paramref name="key"/> → <paramref name="projectId"/> unless the key exists; returns the stored record either way.</summary>
    ValueTask<IdempotencyRecord> GetOrAddAsync(string key, string projectId, string requestHash, CancellationToken cancellationToken = default);

    /// <summary>Forgets a key (its start was refused, so a retry may try again).</summary>
    ValueTask RemoveAsync(string key, CancellationToken cancellationToken = default);
}

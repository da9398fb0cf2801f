using System.Text.Json;
using Nexus.Api.Intake;

namespace Nexus.Functions.Submissions;

/// <summary>The Function App's <c>Idempotency-Key</c> records: one create-once blob per key (every instance of the app sees
/// the same records, as every <c>nexus serve</c> on one PostgreSQL database does).</summary>
internal sealed class BlobIdempotencyStore(BlobRecords records) : IIdempotencyStore
{
    private const string Kind = "idempotency";

    public async ValueTask<IdempotencyRecord> GetOrAddAsync(string key, string projectId, string requestHash, CancellationToken cancellationToken = default)
    {
        var (created, content) = await records.GetOrAddAsync(Kind, key, JsonSerializer.Serialize(new Stored(projectId, requestHash)), cancellationToken).ConfigureAwait(false);
        var stored = JsonSerializer.Deserialize<Stored>(content) ?? throw new InvalidDataException($"The idempotency record of '{key}' is empty.");
        return new IdempotencyRecord(key, stored.ProjectId, stored.RequestHash, created);
    }

    public ValueTask RemoveAsync(string key, CancellationToken cancellationToken = default) => records.RemoveAsync(Kind, key, cancellationToken);

    private sealed record Stored(string ProjectId, string RequestHash);
}

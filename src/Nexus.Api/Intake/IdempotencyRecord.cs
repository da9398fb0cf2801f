namespace Nexus.Api.Intake;

/// <summary>A stored idempotency key.</summary>
/// <param name="Key">The key.</param>
/// <param name="ProjectId">The project it started.</param>
/// <param name="RequestHash">The SHA-256 of the request it came with (a reuse with another request is refused).</param>
/// <param name="Created">Whether this call created the record.</param>
internal sealed record IdempotencyRecord(string Key, string ProjectId, string RequestHash, bool Created);

namespace Nexus.Api.Contracts;

/// <summary>The answer of a bulk purge: how many projects were deleted, which, and which were left and why.</summary>
internal sealed record BulkPurgeResponse(int InstancesDeleted, IReadOnlyList<string> Purged, IReadOnlyList<BulkPurgeSkip> Skipped);

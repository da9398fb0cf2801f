namespace Nexus.Api.Contracts;

/// <summary>A selected project a bulk purge left as it was, and why.</summary>
internal sealed record BulkPurgeSkip(string Id, string Reason);

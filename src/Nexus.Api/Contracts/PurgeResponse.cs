namespace Nexus.Api.Contracts;

/// <summary>The answer of a purge.</summary>
internal sealed record PurgeResponse(int InstancesDeleted);

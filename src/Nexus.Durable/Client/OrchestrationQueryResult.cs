namespace Nexus.Durable.Client;

/// <summary>A page of instances.</summary>
/// <param name="Instances">The instances.</param>
/// <param name="ContinuationToken">Pass it for the next page; <see langword="null"/> on the last page.</param>
public sealed record OrchestrationQueryResult(IReadOnlyList<OrchestrationMetadata> Instances, string? ContinuationToken);

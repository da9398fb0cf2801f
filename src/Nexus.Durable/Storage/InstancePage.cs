namespace Nexus.Durable.Storage;

/// <summary>One page of instances.</summary>
/// <param name="Instances">The instances.</param>
/// <param name="ContinuationToken">Pass it to get the next page; <see langword="null"/> when this is the last.</param>
public sealed record InstancePage(IReadOnlyList<InstanceRecord> Instances, string? ContinuationToken);

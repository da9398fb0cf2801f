using Nexus.Durable.History;

namespace Nexus.Durable.Storage;

/// <summary>The new state of an instance written by a checkpoint.</summary>
public sealed record InstanceUpdate
{
    /// <summary>The new runtime status.</summary>
    public required OrchestrationRuntimeStatus RuntimeStatus { get; init; }

    /// <summary>The execution id (new after continue-as-new).</summary>
    public string? ExecutionId { get; init; }

    /// <summary>The input (set on continue-as-new; otherwise unchanged when <see langword="null"/>).</summary>
    public string? Input { get; init; }

    /// <summary>The output (entities: the state; <see langword="null"/> with <see cref="ClearOutput"/> deletes it).</summary>
    public string? Output { get; init; }

    /// <summary>Set the output to null (an entity deleted its state).</summary>
    public bool ClearOutput { get; init; }

    /// <summary>The custom status (JSON); <see langword="null"/> leaves it unchanged.</summary>
    public string? CustomStatus { get; init; }

    /// <summary>The failure of a Failed instance.</summary>
    public FailureDetails? Failure { get; init; }
}

using Nexus.Durable.History;
using Nexus.Durable.Serialization;
using Nexus.Durable.Storage;

namespace Nexus.Durable.Client;

/// <summary>The status of an instance, in the Durable Functions shape.</summary>
public sealed record OrchestrationMetadata
{
    private readonly DataConverter _converter;

    internal OrchestrationMetadata(InstanceRecord record, DataConverter converter, IReadOnlyList<HistoryEvent>? history)
    {
        _converter = converter;
        Name = record.Name;
        InstanceId = record.InstanceId;
        RuntimeStatus = record.RuntimeStatus;
        CreatedTime = record.CreatedTime;
        LastUpdatedTime = record.LastUpdatedTime;
        SerializedInput = record.Input;
        SerializedOutput = record.Output;
        SerializedCustomStatus = record.CustomStatus;
        FailureDetails = record.Failure;
        ParentInstanceId = record.Parent?.InstanceId;
        History = history;
    }

    /// <summary>The orchestration name.</summary>
    public string Name { get; }

    /// <summary>The instance id.</summary>
    public string InstanceId { get; }

    /// <summary>The runtime status.</summary>
    public OrchestrationRuntimeStatus RuntimeStatus { get; }

    /// <summary>When it was created.</summary>
    public DateTimeOffset CreatedTime { get; }

    /// <summary>When it last changed.</summary>
    public DateTimeOffset LastUpdatedTime { get; }

    /// <summary>The input (JSON).</summary>
    public string? SerializedInput { get; }

    /// <summary>The output (JSON): the return value, or the reason of a termination.</summary>
    public string? SerializedOutput { get; }

    /// <summary>The custom status (JSON).</summary>
    public string? SerializedCustomStatus { get; }

    /// <summary>Why it failed.</summary>
    public FailureDetails? FailureDetails { get; }

    /// <summary>The parent of a sub-orchestration.</summary>
    public string? ParentInstanceId { get; }

    /// <summary>The history, when requested.</summary>
    public IReadOnlyList<HistoryEvent>? History { get; }

    /// <summary>Whether it is still Pending, Running or Suspended.</summary>
    public bool IsRunning => RuntimeStatus.IsActive();

    /// <summary>Whether it has finished.</summary>
    public bool IsCompleted => RuntimeStatus.IsTerminal();

    /// <summary>The input as <typeparamref name="T"/>.</summary>
    public T ReadInputAs<T>() => _converter.Deserialize<T>(SerializedInput);

    /// <summary>The output as <typeparamref name="T"/>.</summary>
    public T ReadOutputAs<T>() => _converter.Deserialize<T>(SerializedOutput);

    /// <summary>The custom status as <typeparamref name="T"/>.</summary>
    public T ReadCustomStatusAs<T>() => _converter.Deserialize<T>(SerializedCustomStatus);
}

using System.Text.Json;
using Nexus.Durable.History;
using Nexus.Durable.Storage;
using SdkDataConverter = Microsoft.DurableTask.DataConverter;
using SdkOrchestrationMetadata = Microsoft.DurableTask.Client.OrchestrationMetadata;
using TaskFailureDetails = Microsoft.DurableTask.TaskFailureDetails;

namespace Nexus.Durable.Client;

/// <summary>Turns what the store keeps into the Durable Task SDK's client types, and client values into stored JSON.</summary>
internal static class SdkConversions
{
    /// <summary>The SDK metadata of an orchestration record. Input, output and custom status only when
    /// <paramref name="includePayloads"/>; the failure and the converter always.</summary>
    public static SdkOrchestrationMetadata ToMetadata(InstanceRecord record, SdkDataConverter converter, bool includePayloads) =>
        new(record.Name, record.InstanceId)
        {
            DataConverter = converter,
            RuntimeStatus = RuntimeStatusMap.ToSdk(record.RuntimeStatus),
            CreatedAt = record.CreatedTime,
            LastUpdatedAt = record.LastUpdatedTime,
            SerializedInput = includePayloads ? record.Input : null,
            SerializedOutput = includePayloads ? record.Output : null,
            SerializedCustomStatus = includePayloads ? record.CustomStatus : null,
            FailureDetails = ToTaskFailureDetails(record.Failure),
        };

    /// <summary>The SDK form of a failure (with its inner failures); <see langword="null"/> stays <see langword="null"/>.</summary>
    /// <remarks><see cref="FailureDetails.IsNonRetriable"/> has no counterpart in the SDK's failure details and is not carried.</remarks>
    public static TaskFailureDetails? ToTaskFailureDetails(FailureDetails? failure) =>
        failure is null
            ? null
            : new TaskFailureDetails(failure.ErrorType, failure.Message, failure.StackTrace, ToTaskFailureDetails(failure.Inner), null);

    /// <summary>Serializes a client value before anything is stored.</summary>
    /// <exception cref="ArgumentException">The converter cannot serialize <paramref name="value"/>; <paramref name="what"/> says whose value.</exception>
    public static string? Serialize(SdkDataConverter converter, object? value, string what, string parameterName)
    {
        try
        {
            return converter.Serialize(value);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            throw new ArgumentException($"The {what} cannot be serialized: {e.Message}", parameterName, e);
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> for an entity id (<c>@name@key</c>) given to an orchestration operation.</summary>
    public static void EnsureNotEntity(string instanceId, string parameterName)
    {
        if (EntityIds.IsEntity(instanceId))
        {
            throw new ArgumentException(
                $"'{instanceId}' is an entity instance id; use the client's Entities for entities.", parameterName);
        }
    }
}

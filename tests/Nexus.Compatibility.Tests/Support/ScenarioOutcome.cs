using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using Nexus.Compatibility.Tests.Scenarios;

namespace Nexus.Compatibility.Tests.Support;

/// <summary>
/// What the compatibility suite compares of a finished instance: its runtime status, its output exactly as the
/// backend stored it (the SDK's JSON) and its failure details. A record, so that a mismatch prints both sides.
/// </summary>
public sealed record ScenarioOutcome(OrchestrationRuntimeStatus Status, string? SerializedOutput, FailureSummary? Failure)
{
    /// <summary>The comparable part of <paramref name="instance"/> (read with inputs and outputs).</summary>
    public static ScenarioOutcome Of(OrchestrationMetadata instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return new ScenarioOutcome(instance.RuntimeStatus, instance.SerializedOutput, FailureSummary.Of(instance.FailureDetails));
    }

    /// <summary>Completed with <paramref name="output"/>, serialized as the SDK's default converter does.</summary>
    public static ScenarioOutcome Completed(object output) =>
        new(OrchestrationRuntimeStatus.Completed, JsonDataConverter.Default.Serialize(output), Failure: null);

    /// <summary>Terminated with <paramref name="output"/>, serialized as the SDK's default converter does.</summary>
    public static ScenarioOutcome Terminated(object output) =>
        new(OrchestrationRuntimeStatus.Terminated, JsonDataConverter.Default.Serialize(output), Failure: null);
}

using SdkStatus = Microsoft.DurableTask.Client.OrchestrationRuntimeStatus;

namespace Nexus.Durable.Client;

/// <summary>The one place where the engine's runtime statuses meet the Durable Task SDK's (same names, other numbers).</summary>
/// <remarks>The engine's transient ContinuedAsNew (the instance is Running again right after) reads as Running, the SDK having
/// made ContinuedAsNew obsolete; a filter for Running therefore also matches it. Canceled is reserved on both sides.</remarks>
public static class RuntimeStatusMap
{
#pragma warning disable CS0618 // Canceled and ContinuedAsNew are obsolete in the SDK but still name values a caller may pass.
    /// <summary>The SDK's status for an engine status.</summary>
    public static SdkStatus ToSdk(OrchestrationRuntimeStatus status) => status switch
    {
        OrchestrationRuntimeStatus.Pending => SdkStatus.Pending,
        OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.ContinuedAsNew => SdkStatus.Running,
        OrchestrationRuntimeStatus.Completed => SdkStatus.Completed,
        OrchestrationRuntimeStatus.Failed => SdkStatus.Failed,
        OrchestrationRuntimeStatus.Canceled => SdkStatus.Canceled,
        OrchestrationRuntimeStatus.Terminated => SdkStatus.Terminated,
        OrchestrationRuntimeStatus.Suspended => SdkStatus.Suspended,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown engine runtime status."),
    };

    /// <summary>The engine's status for an SDK status.</summary>
    public static OrchestrationRuntimeStatus ToEngine(SdkStatus status) => status switch
    {
        SdkStatus.Pending => OrchestrationRuntimeStatus.Pending,
        SdkStatus.Running => OrchestrationRuntimeStatus.Running,
        SdkStatus.Completed => OrchestrationRuntimeStatus.Completed,
        SdkStatus.ContinuedAsNew => OrchestrationRuntimeStatus.ContinuedAsNew,
        SdkStatus.Failed => OrchestrationRuntimeStatus.Failed,
        SdkStatus.Canceled => OrchestrationRuntimeStatus.Canceled,
        SdkStatus.Terminated => OrchestrationRuntimeStatus.Terminated,
        SdkStatus.Suspended => OrchestrationRuntimeStatus.Suspended,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown Durable Task runtime status."),
    };
#pragma warning restore CS0618

    /// <summary>The engine statuses an SDK status filter matches; <see langword="null"/> (no filter) gives an empty list (any).</summary>
    public static IReadOnlyCollection<OrchestrationRuntimeStatus> ToEngine(IEnumerable<SdkStatus>? statuses) =>
        statuses is null
            ? []
            : statuses
                .Select(ToEngine)
                .SelectMany(s => s == OrchestrationRuntimeStatus.Running ? [s, OrchestrationRuntimeStatus.ContinuedAsNew] : new[] { s })
                .Distinct()
                .ToArray();
}

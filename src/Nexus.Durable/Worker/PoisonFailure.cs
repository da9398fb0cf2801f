using Nexus.Durable.History;
using Nexus.Durable.Storage;

namespace Nexus.Durable.Worker;

/// <summary>The failure recorded when a work item is parked as poison: it says what, how often and why.</summary>
internal static class PoisonFailure
{
    public const string ErrorType = "Nexus.Durable.PoisonWorkItem";

    public static FailureDetails ForInstance(OrchestrationWorkItem item, int limit)
    {
        var what = item.Instance.Kind == InstanceKind.Entity ? "entity" : "orchestration";
        return new FailureDetails(
            ErrorType,
            $"The {what} work item of '{item.Instance.InstanceId}' ('{item.Instance.Name}') was parked as poison after " +
            $"{item.DequeueCount - 1} attempts (limit {limit}): {Why(item.LastError)}",
            IsNonRetriable: true);
    }

    public static FailureDetails ForActivity(ActivityWorkItem item, int limit) => new(
        ErrorType,
        $"Activity '{item.Request.Name}' (task {item.Request.TaskId}) of '{item.Request.InstanceId}' was parked as poison after " +
        $"{item.DequeueCount - 1} attempts (limit {limit}): {Why(item.LastError)}",
        IsNonRetriable: true);

    private static string Why(string? lastError) =>
        lastError ?? "its lease expired every time without a result (the worker processing it died or hung)";
}

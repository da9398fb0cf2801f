using Microsoft.DurableTask.Client;
using SdkStatus = Microsoft.DurableTask.Client.OrchestrationRuntimeStatus;

namespace Nexus.Durable.Client;

/// <summary>What a start does with an existing instance of the same id, read from
/// <see cref="Microsoft.DurableTask.StartOrchestrationOptions.DedupeStatuses"/>.</summary>
/// <remarks>An existing instance whose status is in the set refuses the start; any other existing instance is replaced —
/// an active one after it has been terminated. ContinuedAsNew counts as Running (it is Running again right after).</remarks>
internal sealed class DedupePolicy
{
    private static readonly OrchestrationRuntimeStatus[] s_finished =
        [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated, OrchestrationRuntimeStatus.Canceled];

    private static readonly OrchestrationRuntimeStatus[] s_active =
        [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended];

    private readonly HashSet<OrchestrationRuntimeStatus> _refused;

    private DedupePolicy(HashSet<OrchestrationRuntimeStatus> refused)
    {
        _refused = refused;
    }

    /// <summary>Whether every finished status is refused: the store's atomic "no existing id" create applies.</summary>
    public bool RefusesEveryFinishedInstance => s_finished.All(_refused.Contains);

    /// <summary>The policy of <paramref name="dedupeStatuses"/>; <see langword="null"/> when there is none (the default:
    /// active instances refuse the start, finished ones are replaced).</summary>
    /// <exception cref="ArgumentException">A status is unknown or not one of
    /// <see cref="StartOrchestrationOptionsExtensions.ValidDedupeStatuses"/>, or the set refuses Terminated while it lets
    /// an active instance be replaced (the replacement terminates it, and would then refuse itself).</exception>
    public static DedupePolicy? Parse(IReadOnlyList<string>? dedupeStatuses)
    {
        if (dedupeStatuses is null)
        {
            return null;
        }

        var refused = new HashSet<OrchestrationRuntimeStatus>();
        foreach (var text in dedupeStatuses)
        {
            // By name only: Enum.TryParse would also take numbers and comma-separated lists.
            var status = StartOrchestrationOptionsExtensions.ValidDedupeStatuses
                .Select(s => (SdkStatus?)s)
                .FirstOrDefault(s => string.Equals(s.ToString(), text?.Trim(), StringComparison.OrdinalIgnoreCase))
                ?? throw new ArgumentException(
                    $"'{text}' is not a valid deduplication status (valid: {string.Join(", ", StartOrchestrationOptionsExtensions.ValidDedupeStatuses)}).",
                    nameof(dedupeStatuses));

            refused.Add(RuntimeStatusMap.ToEngine(status));
        }

        if (refused.Contains(OrchestrationRuntimeStatus.Terminated) && !s_active.All(refused.Contains))
        {
            throw new ArgumentException(
                "The deduplication statuses refuse Terminated but let an active instance be replaced: the replacement terminates " +
                "the active instance and would then be refused. Also refuse Pending, Running and Suspended, or do not refuse Terminated.",
                nameof(dedupeStatuses));
        }

        return new DedupePolicy(refused);
    }

    /// <summary>Whether an existing instance in <paramref name="status"/> refuses the start.</summary>
    public bool Refuses(OrchestrationRuntimeStatus status) =>
        _refused.Contains(status == OrchestrationRuntimeStatus.ContinuedAsNew ? OrchestrationRuntimeStatus.Running : status);
}

using System.Diagnostics;
using Microsoft.DurableTask;
using Nexus.Agents.Telemetry;

namespace Nexus.Workflows.Activities;

/// <summary>Raises a project alert outside the orchestration: the <c>nexus.alerts</c> counter of the <c>Nexus</c> meter
/// (so <c>/metrics</c> shows it). Scheduling it is what puts the alert into the project's history, with the alert as the
/// step's input.</summary>
/// <remarks>At least once, as every activity: a worker that dies after counting and before the result is recorded counts
/// the alert again when the step runs again.</remarks>
public sealed class RaiseAlertActivity : TaskActivity<AlertInput, bool>
{
    /// <summary>The registered name (what the history shows).</summary>
    public const string Name = "ProjectAlert";

    /// <inheritdoc/>
    public override Task<bool> RunAsync(TaskActivityContext context, AlertInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var alert = input.Alert;
        NexusTelemetry.Alerts.Add(1, new TagList { { "kind", alert.Kind }, { "who", alert.Who }, { "metric", alert.Metric ?? "none" } });
        return Task.FromResult(true);
    }
}

using System.Diagnostics;
using Nexus.Agents.Telemetry;
using Nexus.Durable;
using Nexus.Durable.Serialization;
using Nexus.Durable.Worker;
using Nexus.Workflows.Model;
using Nexus.Workflows.Orchestration;

namespace Nexus.Hosting.Telemetry;

/// <summary>Reports a project that ended: one <c>nexus.project</c> span from its creation to its end, in the project's trace
/// (<see cref="NexusTelemetry.ProjectTrace"/>), with its status, cost and tokens; and the <c>nexus.projects.ended</c> count.</summary>
internal static class ProjectSpans
{
    public static void Report(EndedInstance ended)
    {
        if (!string.Equals(ended.Name, ProjectOrchestration.Name, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var status = ended.Status.ToString().ToLowerInvariant();
        NexusTelemetry.ProjectsEnded.Add(1, new KeyValuePair<string, object?>("status", status));
        using var span = NexusTelemetry.Source.CreateActivity("nexus.project", ActivityKind.Internal, NexusTelemetry.ProjectTrace(ended.InstanceId));
        if (span is null)
        {
            return;
        }

        span.SetStartTime(ended.CreatedTime.UtcDateTime);
        span.SetTag("nexus.project", ended.InstanceId);
        span.SetTag("nexus.status", status);
        var (cost, tokens, iteration) = Figures(ended.CustomStatus);
        span.SetTag("nexus.cost_usd", cost);
        span.SetTag("nexus.tokens", tokens);
        span.SetTag("nexus.iterations", iteration);
        span.SetStatus(ended.Status == OrchestrationRuntimeStatus.Completed ? ActivityStatusCode.Ok : ActivityStatusCode.Error, ended.Failure?.Message);
        span.Start();
        span.SetEndTime(ended.EndedTime.UtcDateTime);
    }

    // The project's live status holds the figures so far: at the end, the final ones. Read with the store's own converter.
    private static (double Cost, long Tokens, int Iteration) Figures(string? customStatus)
    {
        try
        {
            return JsonDataConverter.Default.Deserialize<ProjectStatus?>(customStatus) is { } status
                ? ((double)status.CostUsd, status.Tokens, status.Iteration)
                : (0, 0, 0);
        }
        catch (FormatException)
        {
            return (0, 0, 0);
        }
    }
}

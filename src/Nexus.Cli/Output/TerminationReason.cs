using System.Text.Json;
using Nexus.Durable;
using Nexus.Workflows.Hosting;
using Nexus.Workflows.Model;
using Nexus.Hosting;

namespace Nexus.Cli.Output;

/// <summary>A terminated project's reason is the instance's output (the text given to terminate); it is shown as the reason.</summary>
internal static class TerminationReason
{
    public static async Task<ProjectView> AddAsync(NexusRuntime runtime, ProjectView view, CancellationToken cancellationToken = default)
    {
        if (view.RuntimeStatus != OrchestrationRuntimeStatus.Terminated || view.Status?.Reason is not null || view.Failure is not null)
        {
            return view;
        }

        var metadata = await runtime.Durable.GetInstanceAsync(view.Id, getInputsAndOutputs: true, cancellationToken);
        var reason = metadata?.SerializedOutput is { } output ? Read(output) : null;
        return reason is null ? view : view with { Status = (view.Status ?? new ProjectStatus()) with { Reason = reason } };
    }

    private static string? Read(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<string>(json, CliJson.Options);
        }
        catch (JsonException)
        {
            return json;
        }
    }
}

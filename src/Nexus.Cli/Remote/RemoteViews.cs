using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Nexus.Cli.Output;
using Nexus.Durable;
using Nexus.Durable.History;
using Nexus.Api.Contracts;
using Nexus.Workflows.Model;
using Nexus.Hosting;

namespace Nexus.Cli.Remote;

/// <summary>The host's answers as the shapes the local commands print (<see cref="ProjectView"/>, <see cref="HistoryEvent"/>,
/// <see cref="DurableStatus"/>), so both print with the same code.</summary>
internal static class RemoteViews
{
    /// <summary>The view of a project status answer; <paramref name="request"/> stands in when the answer has no input
    /// (the event stream leaves it out).</summary>
    public static ProjectView View(ProjectStatusResponse response, ProjectRequest? request, string workspace)
    {
        ArgumentNullException.ThrowIfNull(response);
        var runtimeStatus = RuntimeStatus(response.RuntimeStatus);
        var status = Read<ProjectStatus>(response.CustomStatus);
        var outputText = response.Output is { ValueKind: JsonValueKind.String } text ? text.GetString() : null;

        // As the local store: a terminated project's reason is its output; a failed one's output is the failure message.
        if (runtimeStatus == OrchestrationRuntimeStatus.Terminated && status?.Reason is null && outputText is not null)
        {
            status = (status ?? new ProjectStatus()) with { Reason = outputText };
        }

        return new ProjectView
        {
            Id = response.InstanceId,
            RuntimeStatus = runtimeStatus,
            Request = Read<ProjectRequest>(response.Input) ?? request,
            Status = status,
            Report = runtimeStatus == OrchestrationRuntimeStatus.Completed ? Read<ProjectReport>(response.Output) : null,
            Failure = runtimeStatus == OrchestrationRuntimeStatus.Failed ? new FailureDetails("ProjectFailed", outputText ?? "failed") : null,
            CreatedTime = response.CreatedTime,
            LastUpdatedTime = response.LastUpdatedTime,
            Workspace = workspace,
        };
    }

    /// <summary>A history event as the store records it (its data as JSON text, its failure split into type and message).</summary>
    public static HistoryEvent History(HistoryEventResponse e)
    {
        ArgumentNullException.ThrowIfNull(e);
        FailureDetails? failure = null;
        if (e.Failure is { } text)
        {
            var cut = text.IndexOf(": ", StringComparison.Ordinal);
            failure = cut > 0 ? new FailureDetails(text[..cut], text[(cut + 2)..]) : new FailureDetails(string.Empty, text);
        }

        return new HistoryEvent
        {
            Kind = Enum.TryParse<EventKind>(e.EventType, ignoreCase: false, out var kind)
                ? kind
                : throw new ServerException($"the server sent a history event of an unknown kind '{CommandAction.OneLine(e.EventType)}'"),
            TaskId = e.TaskId ?? -1,
            Timestamp = e.Timestamp,
            Name = e.Name,
            Data = e.Data?.GetRawText(),
            Failure = failure,
            FireAt = e.FireAt,
        };
    }

    /// <summary>The status in the Durable Functions shape (<c>status --json</c>): the host's answer is that shape already.</summary>
    public static DurableStatus Durable(ProjectStatusResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return new DurableStatus(
            response.Name,
            response.InstanceId,
            RuntimeStatus(response.RuntimeStatus),
            Node(response.Input),
            Node(response.CustomStatus),
            Node(response.Output),
            response.CreatedTime,
            response.LastUpdatedTime);
    }

    private static OrchestrationRuntimeStatus RuntimeStatus(string text) =>
        Enum.TryParse<OrchestrationRuntimeStatus>(text, ignoreCase: true, out var status) && !int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)
            ? status
            : throw new ServerException($"the server sent an unknown runtime status '{CommandAction.OneLine(text)}'");

    private static JsonNode? Node(JsonElement? element) =>
        element is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } value ? JsonNode.Parse(value.GetRawText()) : null;

    private static T? Read<T>(JsonElement? element)
        where T : class
    {
        if (element is not { ValueKind: JsonValueKind.Object } value)
        {
            return null;
        }

        try
        {
            return value.Deserialize<T>(ServerConnection.Json);
        }
        catch (JsonException e)
        {
            throw new ServerException($"the server sent a {typeof(T).Name} this nexus cannot read ({CommandAction.OneLine(e.Message)})");
        }
    }
}

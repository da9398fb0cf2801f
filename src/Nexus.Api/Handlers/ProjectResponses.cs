using System.Text.Json;
using Microsoft.DurableTask.Client;
using Nexus.Durable.History;
using Nexus.Api.Contracts;

namespace Nexus.Api.Handlers;

/// <summary>Maps engine records to the API's shapes (raw JSON payloads pass through unchanged).</summary>
internal static class ProjectResponses
{
    public static ProjectStatusResponse Status(OrchestrationMetadata metadata, bool showInput = true, IReadOnlyList<HistoryEvent>? history = null, bool showHistoryOutput = false)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return new ProjectStatusResponse
        {
            Name = metadata.Name,
            InstanceId = metadata.InstanceId,
            RuntimeStatus = metadata.RuntimeStatus.ToString(),
            Input = showInput ? Parse(metadata.SerializedInput) : null,
            CustomStatus = Parse(metadata.SerializedCustomStatus),
            Output = metadata.RuntimeStatus == OrchestrationRuntimeStatus.Failed
                ? JsonSerializer.SerializeToElement(metadata.FailureDetails?.ErrorMessage ?? "failed")
                : Parse(metadata.SerializedOutput),
            CreatedTime = metadata.CreatedAt,
            LastUpdatedTime = metadata.LastUpdatedAt,
            HistoryEvents = history is null ? null : [.. history.Select((e, i) => History(e, i, showHistoryOutput))],
        };
    }

    public static HistoryEventResponse History(HistoryEvent e, int position, bool includeData)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new HistoryEventResponse
        {
            EventId = position,
            EventType = e.Kind.ToString(),
            Timestamp = e.Timestamp,
            Name = e.Name,
            TaskId = e.TaskId >= 0 ? e.TaskId : null,
            Data = includeData ? Parse(e.Data) : null,
            Failure = e.Failure is { } failure ? $"{failure.ErrorType}: {failure.Message}" : null,
            FireAt = e.FireAt,
        };
    }

    public static StartProjectResponse Management(HttpRequest request, string id, ApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        var status = StatusUri(request, id);
        return new StartProjectResponse(
            id,
            status,
            status + "/events/{eventName}",
            status + "/terminate?reason={text}",
            status,
            status + "/suspend?reason={text}",
            status + "/resume?reason={text}",
            status + "/restart",
            StreamUri(request, id, options));
    }

    /// <summary>The project's event stream, or null where the host does not serve one (the Function App).</summary>
    public static string? StreamUri(HttpRequest request, string id, ApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.ServesStream ? StatusUri(request, id) + "/stream" : null;
    }

    public static string StatusUri(HttpRequest request, string id) => $"{ApiBase(request)}/projects/{Uri.EscapeDataString(id)}";

    /// <summary>The absolute base of the API routes (<c>scheme://host/pathbase/api</c>).</summary>
    public static string ApiBase(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return $"{request.Scheme}://{request.Host}{request.PathBase}/api";
    }

    public static JsonElement? Parse(string? json)
    {
        if (json is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}

using System.Text.Json;
using Nexus.Api.Contracts;
using Nexus.Api.Errors;
using Nexus.Workflows.Model;

namespace Nexus.Api.Handlers;

/// <summary>Terminate, suspend, resume, raise an event, purge and restart (202 / 404 / 410 / 409 as Durable Functions answers).</summary>
internal static class ProjectControlApi
{
    private const int MaxReasonLength = 1000;

    private static readonly JsonSerializerOptions EventJson = CreateEventJson();

    /// <summary>The events a project understands, with the shape of their data.</summary>
    public static IReadOnlyDictionary<string, Type> Events { get; } = new Dictionary<string, Type>(StringComparer.Ordinal)
    {
        [ApprovalDecision.EventName] = typeof(ApprovalDecision),
    };

    /// <summary><c>POST projects/{id}/terminate</c>: cancels a running project (its agent is stopped).</summary>
    public static Task<IResult> TerminateAsync(HttpContext http, ApiContext api, string id, CancellationToken cancellationToken) =>
        ControlAsync(http, api, id, (d, r, ct) => d.TerminateInstanceAsync(id, r ?? "terminated through the API", ct), cancellationToken);

    /// <summary><c>POST projects/{id}/suspend</c>: it takes no events until resumed.</summary>
    public static Task<IResult> SuspendAsync(HttpContext http, ApiContext api, string id, CancellationToken cancellationToken) =>
        ControlAsync(http, api, id, (d, r, ct) => d.SuspendInstanceAsync(id, r, ct), cancellationToken);

    /// <summary><c>POST projects/{id}/resume</c>.</summary>
    public static Task<IResult> ResumeAsync(HttpContext http, ApiContext api, string id, CancellationToken cancellationToken) =>
        ControlAsync(http, api, id, (d, r, ct) => d.ResumeInstanceAsync(id, r, ct), cancellationToken);

    /// <summary><c>POST projects/{id}/events/{name}</c>: <c>approval</c> ({approved, feedback?, gate?}) answers the waiting plan
    /// gate (409 when none waits); any other name (letters, digits, '_', '-', '.') is delivered with the JSON body as its data.</summary>
    public static async Task<IResult> RaiseEventAsync(HttpContext http, ApiContext api, string id, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(api);
        // A known event's data is checked against its shape; any other well-named event is delivered as the JSON sent (the
        // Durable Functions Monitor's "raise event"): the orchestration sees it in its history, and ignores what it does not wait for.
        var known = Events.TryGetValue(name, out var type);
        if (!known && !EventNames.IsValid(name))
        {
            return ProblemDetailsDefaults.BadRequest($"Event name '{QueryValues.Printable(name)}': {EventNames.Rule}.");
        }

        object? data;
        try
        {
            data = known
                ? await JsonSerializer.DeserializeAsync(http.Request.Body, type!, EventJson, cancellationToken).ConfigureAwait(false)
                : await EventNames.ReadPayloadAsync(http.Request.Body, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            return ProblemDetailsDefaults.BadRequest(known
                ? $"The event data must be JSON like {{\"approved\": true, \"feedback\": \"…\"}}. {JsonBody.Describe(e)}"
                : $"The event data is not valid JSON (line {(e.LineNumber ?? 0) + 1}, position {(e.BytePositionInLine ?? 0) + 1}): send an object, array, string, number, true, false or null.");
        }

        if (known && data is null)
        {
            return ProblemDetailsDefaults.BadRequest("The event data must be a JSON object, not null.");
        }

        // The same rule as every text a person supplies: no control characters but newlines and tabs, anywhere in the data.
        if (data is JsonElement payload && EventPayloadText.Describe(payload) is { } refused)
        {
            return ProblemDetailsDefaults.BadRequest(refused);
        }

        var (project, problem) = await ProjectLookup.FindAsync(api.Projects, id, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (project!.IsCompleted)
        {
            return ProblemDetailsDefaults.Gone($"Project '{id}' has already finished ({project.RuntimeStatus}).");
        }

        if (data is ApprovalDecision decision)
        {
            // Only a waiting gate takes a decision (409 otherwise), numbered so that it cannot answer a later one.
            await api.Projects.ApproveAsync(id, decision, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await api.Projects.Durable.RaiseEventAsync(id, name, data, cancellationToken).ConfigureAwait(false);
        }

        return Accepted(http, api, id);
    }

    /// <summary><c>DELETE projects/{id}</c>: deletes a finished project's history (200 {instancesDeleted}); 409 while it runs.</summary>
    public static async Task<IResult> PurgeAsync(ApiContext api, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(api);
        var (project, problem) = await ProjectLookup.FindAsync(api.Projects, id, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (!project!.IsCompleted)
        {
            return ProblemDetailsDefaults.Conflict($"Project '{id}' is {project.RuntimeStatus}; terminate it or wait for it to finish before purging.");
        }

        return TypedResults.Ok(new PurgeResponse(await api.Projects.PurgeAsync(id, cancellationToken).ConfigureAwait(false)));
    }

    /// <summary><c>POST projects/{id}/restart</c>: starts a finished project again with the same id and request.</summary>
    public static async Task<IResult> RestartAsync(HttpContext http, ApiContext api, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(api);
        var (project, problem) = await ProjectLookup.FindAsync(api.Projects, id, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (!project!.IsCompleted)
        {
            return ProblemDetailsDefaults.Conflict($"Project '{id}' is {project.RuntimeStatus}; only a finished project can be restarted.");
        }

        await api.Projects.RestartAsync(id, cancellationToken).ConfigureAwait(false);
        var management = ProjectResponses.Management(http.Request, id, api.Options);
        ProjectsApi.RetryAfter(http, api);
        return TypedResults.Accepted(management.StatusQueryGetUri, management);
    }

    private static async Task<IResult> ControlAsync(
        HttpContext http,
        ApiContext api,
        string id,
        Func<Microsoft.DurableTask.Client.DurableTaskClient, string?, CancellationToken, Task> action,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(api);
        var reason = QueryValues.Text(http.Request.Query, "reason");
        if (UserText.Characters(reason) > MaxReasonLength)
        {
            return ProblemDetailsDefaults.BadRequest($"reason: must be at most {MaxReasonLength} characters.");
        }

        if (UserText.Describe(reason, "reason") is { } invalid)
        {
            return ProblemDetailsDefaults.BadRequest(invalid);
        }

        var (project, problem) = await ProjectLookup.FindAsync(api.Projects, id, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (project!.IsCompleted)
        {
            return ProblemDetailsDefaults.Gone($"Project '{id}' has already finished ({project.RuntimeStatus}).");
        }

        await action(api.Projects.Durable, reason, cancellationToken).ConfigureAwait(false);
        return Accepted(http, api, id);
    }

    private static Microsoft.AspNetCore.Http.HttpResults.Accepted Accepted(HttpContext http, ApiContext api, string id)
    {
        ProjectsApi.RetryAfter(http, api);
        return TypedResults.Accepted(ProjectResponses.StatusUri(http.Request, id));
    }

    private static JsonSerializerOptions CreateEventJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict,
            UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
            RespectRequiredConstructorParameters = true,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}

using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Nexus.Durable;
using Nexus.Durable.Client;
using Nexus.Functions.Api.Contracts;
using Nexus.Functions.Errors;
using Nexus.Functions.Hosting;
using Nexus.Workflows.Hosting;
using Nexus.Workflows.Model;

namespace Nexus.Functions.Api;

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

    public static RouteGroupBuilder MapProjectControlApi(this RouteGroupBuilder api)
    {
        var projects = api.MapGroup("/projects").WithTags("Projects");
        projects.MapPost("/{id}/terminate", TerminateAsync).WithName("TerminateProject").WithSummary("Cancels a running project (its agent is stopped).");
        projects.MapPost("/{id}/suspend", SuspendAsync).WithName("SuspendProject").WithSummary("Suspends a project: it takes no events until resumed.");
        projects.MapPost("/{id}/resume", ResumeAsync).WithName("ResumeProject").WithSummary("Resumes a suspended project.");
        projects.MapPost("/{id}/events/{name}", RaiseEventAsync).WithName("RaiseProjectEvent")
            .Accepts<ApprovalDecision>("application/json")
            .WithSummary("Sends an event: 'approval' ({approved, feedback?, gate?}) answers the waiting plan gate (409 when none waits); any other name (letters, digits, '_', '-', '.') is delivered with the JSON body as its data.");
        projects.MapDelete("/{id}", PurgeAsync).WithName("PurgeProject").WithSummary("Deletes a finished project's history (200 {instancesDeleted}); 409 while it runs.");
        projects.MapPost("/{id}/restart", RestartAsync).WithName("RestartProject").WithSummary("Starts a finished project again with the same id and request.");
        return api;
    }

    private static Task<Results<Accepted, ProblemHttpResult>> TerminateAsync(string id, string? reason, HttpContext http, ProjectClient projects, IOptions<NexusHostOptions> options, CancellationToken cancellationToken) =>
        ControlAsync(id, reason, http, projects, options, (d, r, ct) => d.TerminateInstanceAsync(id, r ?? "terminated through the API", ct), cancellationToken);

    private static Task<Results<Accepted, ProblemHttpResult>> SuspendAsync(string id, string? reason, HttpContext http, ProjectClient projects, IOptions<NexusHostOptions> options, CancellationToken cancellationToken) =>
        ControlAsync(id, reason, http, projects, options, (d, r, ct) => d.SuspendInstanceAsync(id, r, ct), cancellationToken);

    private static Task<Results<Accepted, ProblemHttpResult>> ResumeAsync(string id, string? reason, HttpContext http, ProjectClient projects, IOptions<NexusHostOptions> options, CancellationToken cancellationToken) =>
        ControlAsync(id, reason, http, projects, options, (d, r, ct) => d.ResumeInstanceAsync(id, r, ct), cancellationToken);

    private static async Task<Results<Accepted, ProblemHttpResult>> RaiseEventAsync(
        string id, string name, HttpContext http, ProjectClient projects, IOptions<NexusHostOptions> options, CancellationToken cancellationToken)
    {
        // A known event's data is checked against its shape; any other well-named event is delivered as the JSON sent (the
        // Durable Functions Monitor's "raise event"): the orchestration sees it in its history, and ignores what it does not wait for.
        var known = Events.TryGetValue(name, out var type);
        if (!known && !EventNames.IsValid(name))
        {
            return ProblemDetailsDefaults.BadRequest($"Event name '{Printable(name)}': {EventNames.Rule}.");
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
                ? $"The event data must be JSON like {{\"approved\": true, \"feedback\": \"…\"}}: {e.Message}"
                : $"The event data is not valid JSON (line {(e.LineNumber ?? 0) + 1}, position {(e.BytePositionInLine ?? 0) + 1}): send an object, array, string, number, true, false or null.");
        }

        if (known && data is null)
        {
            return ProblemDetailsDefaults.BadRequest("The event data must be a JSON object, not null.");
        }

        var (project, problem) = await ProjectLookup.FindAsync(projects, id, cancellationToken: cancellationToken).ConfigureAwait(false);
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
            await projects.ApproveAsync(id, decision, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await projects.Durable.RaiseEventAsync(id, name, data, cancellationToken).ConfigureAwait(false);
        }

        return Accepted(http, options);
    }

    private static async Task<Results<Ok<PurgeResponse>, ProblemHttpResult>> PurgeAsync(string id, ProjectClient projects, CancellationToken cancellationToken)
    {
        var (project, problem) = await ProjectLookup.FindAsync(projects, id, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (!project!.IsCompleted)
        {
            return ProblemDetailsDefaults.Conflict($"Project '{id}' is {project.RuntimeStatus}; terminate it or wait for it to finish before purging.");
        }

        return TypedResults.Ok(new PurgeResponse(await projects.PurgeAsync(id, cancellationToken).ConfigureAwait(false)));
    }

    private static async Task<Results<Accepted<StartProjectResponse>, ProblemHttpResult>> RestartAsync(
        string id, HttpContext http, ProjectClient projects, IOptions<NexusHostOptions> options, CancellationToken cancellationToken)
    {
        var (project, problem) = await ProjectLookup.FindAsync(projects, id, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (!project!.IsCompleted)
        {
            return ProblemDetailsDefaults.Conflict($"Project '{id}' is {project.RuntimeStatus}; only a finished project can be restarted.");
        }

        await projects.RestartAsync(id, cancellationToken).ConfigureAwait(false);
        var management = ProjectResponses.Management(http.Request, id);
        http.Response.Headers.RetryAfter = options.Value.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Accepted(management.StatusQueryGetUri, management);
    }

    private static async Task<Results<Accepted, ProblemHttpResult>> ControlAsync(
        string id,
        string? reason,
        HttpContext http,
        ProjectClient projects,
        IOptions<NexusHostOptions> options,
        Func<NexusDurableTaskClient, string?, CancellationToken, Task> action,
        CancellationToken cancellationToken)
    {
        if (reason is { Length: > MaxReasonLength })
        {
            return ProblemDetailsDefaults.BadRequest($"reason: must be at most {MaxReasonLength} characters.");
        }

        if (UserText.Describe(reason, "reason") is { } invalid)
        {
            return ProblemDetailsDefaults.BadRequest(invalid);
        }

        var (project, problem) = await ProjectLookup.FindAsync(projects, id, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (project!.IsCompleted)
        {
            return ProblemDetailsDefaults.Gone($"Project '{id}' has already finished ({project.RuntimeStatus}).");
        }

        await action(projects.Durable, reason, cancellationToken).ConfigureAwait(false);
        return Accepted(http, options);
    }

    private static Accepted Accepted(HttpContext http, IOptions<NexusHostOptions> options)
    {
        http.Response.Headers.RetryAfter = options.Value.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Accepted(ProjectResponses.StatusUri(http.Request, http.GetRouteValue("id")?.ToString() ?? string.Empty));
    }

    private static string Printable(string text) => new([.. text.Take(64).Select(c => char.IsControl(c) ? '?' : c)]);

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

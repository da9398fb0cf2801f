using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Nexus.Api;
using Nexus.Api.Contracts;
using Nexus.Api.Handlers;
using Nexus.Api.Errors;
using Nexus.Hosting;

using Nexus.Workflows.Hosting;

namespace Nexus.Server.Api;

/// <summary><c>POST /api/projects/{id}/retry</c>: continues a failed or terminated project from the step that did not
/// finish (202 with the management URLs; 404 unknown; 409 running, suspended or completed; 400 an invalid limit).</summary>
internal static class ProjectRetryApi
{
    private static readonly JsonSerializerOptions BodyJson = CreateBodyJson();

    public static RouteGroupBuilder MapProjectRetryApi(this RouteGroupBuilder api)
    {
        api.MapGroup("/projects").WithTags("Projects")
            .MapPost("/{id}/retry", RetryAsync)
            .WithName("RetryProject")
            .Accepts<RetryProjectBody>("application/json")
            .WithSummary("Continues a failed or terminated project from the step that did not finish; the body may raise its limits ({maxIterations?, budgetUsd?, maxTokens?}).");
        return api;
    }

    private static async Task<Results<Accepted<StartProjectResponse>, ProblemHttpResult>> RetryAsync(
        string id, HttpContext http, ProjectClient projects, IOptions<ApiOptions> options, CancellationToken cancellationToken)
    {
        RetryProjectBody? body = null;
        if (http.Request.ContentLength is not 0)
        {
            using var reader = new StreamReader(http.Request.Body);
            var text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            if (!string.IsNullOrWhiteSpace(text))
            {
                try
                {
                    body = JsonSerializer.Deserialize<RetryProjectBody>(text, BodyJson);
                }
                catch (JsonException e)
                {
                    return ProblemDetailsDefaults.BadRequest(
                        $"The body must be a JSON object like {{\"maxIterations\": 8, \"budgetUsd\": 5}} (every field optional): {Where(e)}");
                }
            }
        }

        var (_, problem) = await ProjectLookup.FindAsync(projects, id, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        // Not retryable (409) and invalid limits (400) come back as exceptions the problem handler turns into answers.
        await projects.RetryAsync(id, body?.ToLimits(), cancellationToken).ConfigureAwait(false);
        var management = ProjectResponses.Management(http.Request, id);
        http.Response.Headers.RetryAfter = options.Value.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Accepted(management.StatusQueryGetUri, management);
    }

    // The field and the position, in the product's words rather than the serializer's.
    private static string Where(JsonException e) =>
        e.Path is { Length: > 1 } path
            ? $"'{path.TrimStart('$', '.')}' is not valid there (line {e.LineNumber + 1}, position {e.BytePositionInLine + 1})."
            : $"it is not valid JSON (line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}).";

    private static JsonSerializerOptions CreateBodyJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}

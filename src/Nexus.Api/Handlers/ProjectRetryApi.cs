using System.Text.Json;
using Nexus.Api.Contracts;
using Nexus.Api.Errors;

namespace Nexus.Api.Handlers;

/// <summary>Continues a failed or terminated project from the step that did not finish (202 with the management URLs; 404
/// unknown; 409 running, suspended or completed; 400 an invalid body or limit).</summary>
internal static class ProjectRetryApi
{
    /// <summary>What a caller is told when the body does not fit.</summary>
    public const string Expected = "The body must be a JSON object like {\"maxIterations\": 8, \"budgetUsd\": 5} (every field optional).";

    private static readonly JsonSerializerOptions BodyJson = CreateBodyJson();

    /// <summary><c>POST projects/{id}/retry</c>: the body (optional, any content type) may raise the project's limits
    /// (<see cref="RetryProjectBody"/>).</summary>
    public static async Task<IResult> RetryAsync(HttpContext http, ApiContext api, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(api);
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
                    return ProblemDetailsDefaults.BadRequest($"{Expected} {JsonBody.Describe(e)}");
                }
            }
        }

        var (_, problem) = await ProjectLookup.FindAsync(api.Projects, id, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        // Not retryable (409) and an invalid limit (400) are exceptions the shared problem mapping answers, in both hosts.
        await api.Projects.RetryAsync(id, body?.ToLimits(), cancellationToken).ConfigureAwait(false);
        var management = ProjectResponses.Management(http.Request, id, api.Options);
        ProjectsApi.RetryAfter(http, api);
        return TypedResults.Accepted(management.StatusQueryGetUri, management);
    }

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

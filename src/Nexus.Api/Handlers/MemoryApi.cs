using Nexus.Api.Contracts;
using Nexus.Api.Errors;

namespace Nexus.Api.Handlers;

/// <summary>Searches the memory across projects (what finished projects learned): <c>GET memory?q=…&amp;limit=…</c>.</summary>
/// <remarks>The Function App has a memory only when its settings name the shared PostgreSQL store; without one the answer
/// is 503 saying so.</remarks>
internal static class MemoryApi
{
    /// <summary>The most results one search returns.</summary>
    public const int MaxLimit = 50;

    /// <summary><c>GET memory</c>.</summary>
    public static async Task<IResult> SearchAsync(HttpContext http, ApiContext api, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(api);
        var query = QueryValues.Text(http.Request.Query, "q");
        if (string.IsNullOrWhiteSpace(query))
        {
            return ProblemDetailsDefaults.BadRequest("q: the text to search for is required (GET /api/memory?q=…).");
        }

        if (QueryValues.Int(http.Request.Query, "limit", out var limit) is { } badLimit)
        {
            return badLimit;
        }

        if (limit is < 1 or > MaxLimit)
        {
            return ProblemDetailsDefaults.BadRequest($"limit: must be 1–{MaxLimit}.");
        }

        if (api.Projects.Memory is not { } memory)
        {
            return ProblemDetailsDefaults.Problem(
                StatusCodes.Status503ServiceUnavailable,
                "No memory across projects is configured on this host (the Function App has one when its settings name the shared PostgreSQL store: NEXUS_STORE=postgres and NEXUS_CONNECTION).");
        }

        var hits = await memory.SearchAsync(query, limit ?? 10, cancellationToken: cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(MemorySearchResponse.From(query, memory, hits));
    }
}

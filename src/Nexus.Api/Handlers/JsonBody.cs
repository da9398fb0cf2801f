using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Nexus.Api.Errors;

namespace Nexus.Api.Handlers;

/// <summary>Reads a JSON request body for a handler the same way in both hosts: 415 for another content type, 400 for an
/// empty, <c>null</c> or malformed body or one whose fields do not fit the contract (with the reader's message).</summary>
internal static class JsonBody
{
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, string expected, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.HasJsonContentType())
        {
            return (null, ProblemDetailsDefaults.Problem(StatusCodes.Status415UnsupportedMediaType, "Send the body as JSON (Content-Type: application/json)."));
        }

        var options = request.HttpContext.RequestServices.GetService<IOptions<JsonOptions>>()?.Value.SerializerOptions ?? JsonSerializerOptions.Web;
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, options, cancellationToken).ConfigureAwait(false);
            return value is null ? (null, ProblemDetailsDefaults.BadRequest(expected)) : (value, null);
        }
        catch (JsonException e)
        {
            return (null, ProblemDetailsDefaults.BadRequest($"The request body is not valid JSON for this route ({expected}): {e.Message}"));
        }
    }
}

using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Nexus.Api.Errors;

namespace Nexus.Api.Handlers;

/// <summary>Reads a JSON request body for a handler the same way in both hosts: 415 for another content type, 400 for an
/// empty, <c>null</c> or malformed body or one whose fields do not fit the contract — said in the product's words (the field
/// and the position), never with the serializer's .NET type names.</summary>
internal static class JsonBody
{
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, string expected, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.HasJsonContentType())
        {
            return (null, ProblemDetailsDefaults.Problem(StatusCodes.Status415UnsupportedMediaType, ProblemDetailsDefaults.JsonMediaTypeDetail));
        }

        var options = request.HttpContext.RequestServices.GetService<IOptions<JsonOptions>>()?.Value.SerializerOptions ?? JsonSerializerOptions.Web;
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, options, cancellationToken).ConfigureAwait(false);
            return value is null ? (null, ProblemDetailsDefaults.BadRequest(expected)) : (value, null);
        }
        catch (JsonException e)
        {
            return (null, ProblemDetailsDefaults.BadRequest($"{expected} {Describe(e)}"));
        }
    }

    /// <summary>Where and why a body did not fit: the field (when the reader got that far) and the 1-based line and
    /// position, as a sentence for a problem detail.</summary>
    public static string Describe(JsonException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var where = $"line {(exception.LineNumber ?? 0) + 1}, position {(exception.BytePositionInLine ?? 0) + 1}";
        if (exception.Path is not { Length: > 1 } path)
        {
            return $"It does not fit at {where}.";
        }

        var field = QueryValues.Printable(path.TrimStart('$', '.'));
        // The reader's message names .NET types; only the kind of mistake is kept.
        return exception.Message.Contains("could not be mapped", StringComparison.Ordinal)
            ? $"'{field}' is not a field of this body ({where})."
            : $"'{field}' is not valid there ({where}).";
    }
}

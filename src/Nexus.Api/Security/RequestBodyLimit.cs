using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Nexus.Api.Errors;

namespace Nexus.Api.Security;

/// <summary>Refuses request bodies over <see cref="ApiOptions.MaxRequestBodyBytes"/> with a 413 problem before a handler
/// reads them: by <c>Content-Length</c> when it is sent, otherwise by reading (at most the limit) into memory. The local
/// host runs it as middleware, the Function App before every HTTP function's handler.</summary>
internal static class RequestBodyLimit
{
    /// <summary>Returns the 413 problem to answer, or <see langword="null"/> when the body fits (a body without a length is
    /// then buffered, so the handler reads it from memory).</summary>
    public static async Task<IResult?> EnforceAsync(HttpContext context, long limit)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (request.ContentLength is { } length && length > limit)
        {
            return TooLarge(limit);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        if (request.ContentLength is null && (request.Headers.TransferEncoding.Count > 0 || request.Method is "POST" or "PUT" or "PATCH"))
        {
            var buffer = new MemoryStream();
            context.Response.RegisterForDisposeAsync(buffer);
            var chunk = new byte[16 * 1024];
            try
            {
                int read;
                while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
                {
                    if (buffer.Length + read > limit)
                    {
                        return TooLarge(limit);
                    }

                    buffer.Write(chunk, 0, read);
                }
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                return TooLarge(limit);
            }

            buffer.Position = 0;
            request.Body = buffer;
            request.ContentLength = buffer.Length;
        }

        return null;
    }

    private static IResult TooLarge(long limit) => ProblemDetailsDefaults.Written(
        StatusCodes.Status413PayloadTooLarge, string.Create(CultureInfo.InvariantCulture, $"The request body is larger than {limit:N0} bytes."));
}

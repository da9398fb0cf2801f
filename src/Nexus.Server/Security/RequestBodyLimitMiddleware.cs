using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Nexus.Server.Errors;
using Nexus.Server.Hosting;

namespace Nexus.Server.Security;

/// <summary>Refuses request bodies over <see cref="NexusHostOptions.MaxRequestBodyBytes"/> with 413 problem details before any
/// endpoint reads them: by <c>Content-Length</c> when it is sent, otherwise by reading (at most the limit) into memory.</summary>
internal sealed class RequestBodyLimitMiddleware(RequestDelegate next, IOptions<NexusHostOptions> options, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var limit = options.Value.MaxRequestBodyBytes;
        var request = context.Request;
        if (request.ContentLength is { } length && length > limit)
        {
            await RefuseAsync(context, limit).ConfigureAwait(false);
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        if (request.ContentLength is null && (request.Headers.TransferEncoding.Count > 0 || request.Method is "POST" or "PUT" or "PATCH"))
        {
            var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            try
            {
                int read;
                while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
                {
                    if (buffer.Length + read > limit)
                    {
                        await RefuseAsync(context, limit).ConfigureAwait(false);
                        return;
                    }

                    buffer.Write(chunk, 0, read);
                }
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                await RefuseAsync(context, limit).ConfigureAwait(false);
                return;
            }

            buffer.Position = 0;
            request.Body = buffer;
            request.ContentLength = buffer.Length;
            context.Response.RegisterForDisposeAsync(buffer);
        }

        await next(context).ConfigureAwait(false);
    }

    private async Task RefuseAsync(HttpContext context, long limit)
    {
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        await problems.WriteAsync(ProblemDetailsDefaults.Context(
            context,
            StatusCodes.Status413PayloadTooLarge,
            string.Create(CultureInfo.InvariantCulture, $"The request body is larger than {limit:N0} bytes."))).ConfigureAwait(false);
    }
}

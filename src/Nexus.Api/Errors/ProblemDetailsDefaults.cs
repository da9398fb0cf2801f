using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace Nexus.Api.Errors;

/// <summary>RFC 7807 problem details the same way everywhere: a title from the status code, a detail a person can act on,
/// the trace id, and never an exception or a stack trace.</summary>
internal static class ProblemDetailsDefaults
{
    /// <summary>The detail of every 415: what the API takes.</summary>
    public const string JsonMediaTypeDetail = "Send the body as JSON (Content-Type: application/json).";

    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        problem.Extensions.Remove("exception");
        problem.Title ??= ReasonPhrases.GetReasonPhrase(problem.Status ?? context.HttpContext.Response.StatusCode);
        problem.Instance ??= context.HttpContext.Request.Path;
        if (problem.Status == StatusCodes.Status415UnsupportedMediaType)
        {
            // Routing's own 415 (a route that accepts JSON only) has no detail; say what to send.
            problem.Detail ??= JsonMediaTypeDetail;
        }

        problem.Extensions["traceId"] = Activity.Current?.Id ?? context.HttpContext.TraceIdentifier;
    }

    public static ProblemDetailsContext Context(HttpContext httpContext, int status, string detail) => new()
    {
        HttpContext = httpContext,
        ProblemDetails = new ProblemDetails { Status = status, Title = ReasonPhrases.GetReasonPhrase(status), Detail = detail },
    };

    /// <summary>A problem result for an endpoint.</summary>
    public static ProblemHttpResult Problem(int status, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: ReasonPhrases.GetReasonPhrase(status), extensions: extensions);

    /// <summary>A problem written by the host's <see cref="IProblemDetailsService"/> (title, instance and trace id from
    /// <see cref="Customize"/>) with the detail as given: for the answers of the edge itself — a refused key or body — which
    /// the local host's middleware writes the same way. (A handler's problem result is serialized with the API's JSON
    /// options, whose response redaction would mask a detail such as "Authorization: Bearer &lt;key&gt;".)</summary>
    public static IResult Written(int status, string detail) => new WrittenProblem(status, detail);

    public static ProblemHttpResult BadRequest(string detail) => Problem(StatusCodes.Status400BadRequest, detail);

    public static ProblemHttpResult NotFound(string detail) => Problem(StatusCodes.Status404NotFound, detail);

    public static ProblemHttpResult Conflict(string detail) => Problem(StatusCodes.Status409Conflict, detail);

    public static ProblemHttpResult Gone(string detail) => Problem(StatusCodes.Status410Gone, detail);

    /// <summary>An <see cref="ArgumentException"/>'s message without the " (Parameter 'x')" suffix.</summary>
    public static string Describe(ArgumentException exception) =>
        exception.ParamName is { } name && exception.Message.EndsWith($" (Parameter '{name}')", StringComparison.Ordinal)
            ? exception.Message[..^$" (Parameter '{name}')".Length]
            : exception.Message;

    private sealed class WrittenProblem(int status, string detail) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            await httpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(Context(httpContext, status, detail)).ConfigureAwait(false);
        }
    }
}

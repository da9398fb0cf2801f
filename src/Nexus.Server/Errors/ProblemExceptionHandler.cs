using Microsoft.AspNetCore.Diagnostics;
using Nexus.Api.Errors;

namespace Nexus.Server.Errors;

/// <summary>Turns every exception that reaches the edge into problem details with the shared mapping
/// (<see cref="ProblemMapping"/>); a 500 is logged, its detail says nothing about the inside.</summary>
internal sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            return true;
        }

        var (status, detail, extensions) = ProblemMapping.Classify(exception);
        if (status >= 500)
        {
            LogUnhandled(exception.GetType().FullName ?? exception.GetType().Name, httpContext.Request.Method, httpContext.Request.Path, exception);
        }

        httpContext.Response.StatusCode = status;
        var context = ProblemDetailsDefaults.Context(httpContext, status, detail);
        foreach (var (name, value) in extensions ?? new Dictionary<string, object?>())
        {
            context.ProblemDetails.Extensions[name] = value;
        }

        return await problems.TryWriteAsync(context).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Error, Message = "Unhandled {ExceptionType} on {Method} {Path}")]
    private partial void LogUnhandled(string exceptionType, string method, string path, Exception exception);
}

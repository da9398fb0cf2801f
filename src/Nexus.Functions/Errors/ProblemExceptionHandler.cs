using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Nexus.Agents.Messaging;
using Nexus.Durable;

namespace Nexus.Functions.Errors;

/// <summary>Turns every exception that reaches the edge into problem details: known engine and input errors get their
/// status (400, 404, 409, 410, 413), anything else a 500 whose detail says nothing about the inside.</summary>
internal sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            return true;
        }

        var (status, detail) = exception switch
        {
            BadHttpRequestException e => (e.StatusCode, BadRequestDetail(e)),
            JsonException e => (StatusCodes.Status400BadRequest, "The request body is not valid JSON: " + e.Message),
            MessageValidationException e => (StatusCodes.Status400BadRequest, e.Message),
            ArgumentException e => (StatusCodes.Status400BadRequest, ProblemDetailsDefaults.Describe(e)),
            InstanceNotFoundException e => (StatusCodes.Status404NotFound, e.Message),
            InstanceNotActiveException e => (StatusCodes.Status410Gone, e.Message),
            InstanceAlreadyExistsException e => (StatusCodes.Status409Conflict, e.Message),
            InstanceStillActiveException e => (StatusCodes.Status409Conflict, e.Message),
            Workflows.Model.NotWaitingForApprovalException e => (StatusCodes.Status409Conflict, e.Message),
            Workflows.Model.ProjectNotRetryableException e => (StatusCodes.Status409Conflict, e.Message),
            Api.IdempotencyConflictException e => (StatusCodes.Status422UnprocessableEntity, e.Message),
            _ => (StatusCodes.Status500InternalServerError, "An unexpected error occurred; the server log has the details (search for the traceId)."),
        };
        if (status >= 500)
        {
            LogUnhandled(exception.GetType().FullName ?? exception.GetType().Name, httpContext.Request.Method, httpContext.Request.Path, exception);
        }

        httpContext.Response.StatusCode = status;
        var context = ProblemDetailsDefaults.Context(httpContext, status, detail);
        if (exception is InstanceAlreadyExistsException { InstanceId: { } id } conflict)
        {
            // For programs: which id exists and in which state, without parsing the detail.
            context.ProblemDetails.Extensions["instanceId"] = id;
            context.ProblemDetails.Extensions["runtimeStatus"] = conflict.RuntimeStatus?.ToString();
        }

        return await problems.TryWriteAsync(context).ConfigureAwait(false);
    }

    private static string BadRequestDetail(BadHttpRequestException exception) =>
        exception.InnerException is JsonException json ? $"{exception.Message} {json.Message}" : exception.Message;

    [LoggerMessage(EventId = 20, Level = LogLevel.Error, Message = "Unhandled {ExceptionType} on {Method} {Path}")]
    private partial void LogUnhandled(string exceptionType, string method, string path, Exception exception);
}

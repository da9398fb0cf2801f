using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Nexus.Agents.Messaging;
using Nexus.Api.Handlers;
using Nexus.Durable;

namespace Nexus.Api.Errors;

/// <summary>Which problem an exception that reaches the edge becomes: known engine and input errors get their status (400,
/// 404, 409, 410, 422), anything else a 500 whose detail says nothing about the inside. Both hosts use it.</summary>
internal static class ProblemMapping
{
    /// <summary>The 500 detail (never the exception's message).</summary>
    public const string UnexpectedDetail = "An unexpected error occurred; the server log has the details (search for the traceId).";

    /// <summary>The status, detail and extensions of <paramref name="exception"/>.</summary>
    public static (int Status, string Detail, IDictionary<string, object?>? Extensions) Classify(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var (status, detail) = exception switch
        {
            BadHttpRequestException e => (e.StatusCode, e.InnerException is JsonException json ? $"{e.Message} {json.Message}" : e.Message),
            JsonException e => (StatusCodes.Status400BadRequest, "The request body is not valid JSON: " + e.Message),
            MessageValidationException e => (StatusCodes.Status400BadRequest, e.Message),
            ArgumentException e => (StatusCodes.Status400BadRequest, ProblemDetailsDefaults.Describe(e)),
            InstanceNotFoundException e => (StatusCodes.Status404NotFound, e.Message),
            InstanceNotActiveException e => (StatusCodes.Status410Gone, e.Message),
            InstanceAlreadyExistsException e => (StatusCodes.Status409Conflict, e.Message),
            InstanceStillActiveException e => (StatusCodes.Status409Conflict, e.Message),
            Workflows.Model.NotWaitingForApprovalException e => (StatusCodes.Status409Conflict, e.Message),
            Workflows.Model.ProjectNotRetryableException e => (StatusCodes.Status409Conflict, e.Message),
            IdempotencyConflictException e => (StatusCodes.Status422UnprocessableEntity, e.Message),
            _ => (StatusCodes.Status500InternalServerError, UnexpectedDetail),
        };

        // For programs: which id exists and in which state, without parsing the detail.
        IDictionary<string, object?>? extensions = exception is InstanceAlreadyExistsException { InstanceId: { } id } conflict
            ? new Dictionary<string, object?> { ["instanceId"] = id, ["runtimeStatus"] = conflict.RuntimeStatus?.ToString() }
            : null;
        return (status, detail, extensions);
    }

    /// <summary>The problem result of <paramref name="exception"/>.</summary>
    public static IResult ToResult(Exception exception)
    {
        var (status, detail, extensions) = Classify(exception);
        return ProblemDetailsDefaults.Problem(status, detail, extensions);
    }
}

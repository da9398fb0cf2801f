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
            // Never the framework's or the serializer's own words ("Implicit body inferred for parameter …", .NET type names).
            BadHttpRequestException { InnerException: JsonException json } => (StatusCodes.Status400BadRequest, "The request body is not valid JSON. " + JsonBody.Describe(json)),
            BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType } => (StatusCodes.Status415UnsupportedMediaType, ProblemDetailsDefaults.JsonMediaTypeDetail),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } e => (e.StatusCode, e.Message),
            BadHttpRequestException e => (e.StatusCode, "The request could not be read: send the body this route takes as JSON (Content-Type: application/json)."),
            JsonException e => (StatusCodes.Status400BadRequest, "The request body is not valid JSON. " + JsonBody.Describe(e)),
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

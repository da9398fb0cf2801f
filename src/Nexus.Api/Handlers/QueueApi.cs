using Nexus.Agents.Messaging;
using Nexus.Api.Contracts;
using Nexus.Api.Errors;

namespace Nexus.Api.Handlers;

/// <summary>The submission queue's intake: task-assignment envelopes (snake_case, <see cref="MessageJson"/>) whose payload
/// carries the project fields, validated here and stored by the host's <see cref="Intake.ISubmissionIntake"/>.</summary>
internal static class QueueApi
{
    private const int MaxMessageIdLength = 200;

    /// <summary><c>POST queue</c>: 202 when new, 200 when the message id was already received (nothing new is started).</summary>
    public static async Task<IResult> EnqueueAsync(HttpContext http, ApiContext api, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(api);
        using var reader = new StreamReader(http.Request.Body);
        var json = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        TaskAssignment assignment;
        try
        {
            assignment = MessageJson.DeserializeAssignment(json);
        }
        catch (MessageValidationException e)
        {
            return ProblemDetailsDefaults.Problem(StatusCodes.Status400BadRequest, e.Message, new Dictionary<string, object?> { ["errors"] = e.Problems });
        }

        var id = assignment.MessageId;
        if (ValidateMessageId(id) is { } invalid)
        {
            return ProblemDetailsDefaults.BadRequest(invalid);
        }

        var receipt = await api.Intake.SubmitAsync(id, (int)assignment.Priority, json, cancellationToken).ConfigureAwait(false);
        var response = new QueueAcceptedResponse(id, receipt.State, !receipt.Added, api.Intake.StatusUri(ProjectResponses.ApiBase(http.Request), id, json));
        return receipt.Added ? TypedResults.Accepted(response.StatusUri, response) : TypedResults.Ok(response);
    }

    /// <summary>Why <paramref name="messageId"/> cannot be a message id, or <see langword="null"/>.</summary>
    public static string? ValidateMessageId(string messageId) =>
        messageId.Length > MaxMessageIdLength || messageId.Any(char.IsControl)
            ? $"message_id: use at most {MaxMessageIdLength} characters without control characters."
            : null;
}

using Microsoft.AspNetCore.Http.HttpResults;
using Nexus.Agents.Messaging;
using Nexus.Server.Api.Contracts;
using Nexus.Server.Errors;
using Nexus.Server.Queue;

namespace Nexus.Server.Api;

/// <summary>The submission queue: task-assignment envelopes (snake_case, <see cref="MessageJson"/>) whose payload carries the
/// project fields; a background consumer starts them in priority order.</summary>
internal static class QueueApi
{
    private const int MaxMessageIdLength = 200;

    public static RouteGroupBuilder MapQueueApi(this RouteGroupBuilder api)
    {
        var queue = api.MapGroup("/queue").WithTags("Submission queue");
        queue.MapPost("/", EnqueueAsync).WithName("EnqueueSubmission")
            .Accepts<TaskAssignment>("application/json")
            .WithSummary("Queues a task assignment; 202 when new, 200 when the message id was already received (nothing new is started).");
        queue.MapGet("/dead-letters", DeadLettersAsync).WithName("ListDeadLetters").WithSummary("Messages that could not be processed, with the reason.");
        queue.MapGet("/{messageId}", GetAsync).WithName("GetSubmission").WithSummary("A message's state and the project it started.");
        return api;
    }

    private static async Task<Results<Accepted<QueueAcceptedResponse>, Ok<QueueAcceptedResponse>, ProblemHttpResult>> EnqueueAsync(
        HttpRequest request, ISubmissionQueue queue, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body);
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
        if (id.Length > MaxMessageIdLength || id.Any(char.IsControl))
        {
            return ProblemDetailsDefaults.BadRequest($"message_id: use at most {MaxMessageIdLength} characters without control characters.");
        }

        var added = await queue.EnqueueAsync(id, (int)assignment.Priority, json, cancellationToken).ConfigureAwait(false);
        var state = added ? "queued" : (await queue.GetAsync(id, cancellationToken).ConfigureAwait(false))?.State ?? "queued";
        var response = new QueueAcceptedResponse(id, state, !added, $"{request.Scheme}://{request.Host}{request.PathBase}/api/queue/{Uri.EscapeDataString(id)}");
        return added ? TypedResults.Accepted(response.StatusUri, response) : TypedResults.Ok(response);
    }

    private static async Task<Ok<IReadOnlyList<SubmissionRecord>>> DeadLettersAsync(ISubmissionQueue queue, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queue.GetDeadLettersAsync(cancellationToken).ConfigureAwait(false));

    private static async Task<Results<Ok<SubmissionRecord>, ProblemHttpResult>> GetAsync(string messageId, ISubmissionQueue queue, CancellationToken cancellationToken) =>
        await queue.GetAsync(messageId, cancellationToken).ConfigureAwait(false) is { } record
            ? TypedResults.Ok(record)
            : ProblemDetailsDefaults.NotFound($"No queued message with id '{new string([.. messageId.Take(80).Select(c => char.IsControl(c) ? '?' : c)])}'.");
}

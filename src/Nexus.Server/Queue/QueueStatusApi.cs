using Microsoft.AspNetCore.Http.HttpResults;
using Nexus.Api.Errors;
using Nexus.Api.Handlers;

namespace Nexus.Server.Queue;

/// <summary>The local submission queue's state (the intake, <c>POST /api/queue</c>, is the shared handler): a message's
/// state and the parked messages with their reason. The Function App's queue is an Azure Storage queue, whose parked
/// messages are in <c>nexus-submissions-poison</c>.</summary>
internal static class QueueStatusApi
{
    public static RouteGroupBuilder MapQueueStatusApi(this RouteGroupBuilder api)
    {
        var queue = api.MapGroup("/queue").WithTags("Submission queue");
        queue.MapGet("/dead-letters", DeadLettersAsync).WithName("ListDeadLetters").WithSummary("Messages that could not be processed, with the reason.");
        queue.MapGet("/{messageId}", GetAsync).WithName("GetSubmission").WithSummary("A message's state and the project it started.");
        return api;
    }

    private static async Task<Ok<IReadOnlyList<SubmissionRecord>>> DeadLettersAsync(ISubmissionQueue queue, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queue.GetDeadLettersAsync(cancellationToken).ConfigureAwait(false));

    private static async Task<Results<Ok<SubmissionRecord>, ProblemHttpResult>> GetAsync(string messageId, ISubmissionQueue queue, CancellationToken cancellationToken) =>
        await queue.GetAsync(messageId, cancellationToken).ConfigureAwait(false) is { } record
            ? TypedResults.Ok(record)
            : ProblemDetailsDefaults.NotFound($"No queued message with id '{QueryValues.Printable(messageId[..Math.Min(80, messageId.Length)])}'.");
}

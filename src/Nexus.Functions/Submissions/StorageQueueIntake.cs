using Azure.Storage.Queues;
using Nexus.Api.Intake;
using Nexus.Functions.Hosting;

namespace Nexus.Functions.Submissions;

/// <summary><c>POST /api/queue</c> in the Function App: the envelope goes onto the Azure Storage queue
/// <c>nexus-submissions</c> (the queue trigger starts it). A create-once record per message id makes a repeated id a
/// duplicate (200, nothing sent), as the local queue's unique key does.</summary>
internal sealed class StorageQueueIntake(BlobRecords records, QueueServiceClient queues) : ISubmissionIntake
{
    private const string Kind = "message";

    public async ValueTask<SubmissionReceipt> SubmitAsync(string messageId, int priority, string body, CancellationToken cancellationToken = default)
    {
        var (created, _) = await records.GetOrAddAsync(Kind, messageId, messageId, cancellationToken).ConfigureAwait(false);
        if (!created)
        {
            return new SubmissionReceipt(false, "received");
        }

        try
        {
            // A Storage queue has no priorities: messages are taken in about arrival order (the priority stays in the envelope).
            var queue = queues.GetQueueClient(FunctionAppSettings.SubmissionsQueue);
            await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            await queue.SendMessageAsync(body, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // Not sent: forget the id, so the caller's retry is not taken for a duplicate.
            await records.RemoveAsync(Kind, messageId, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        return new SubmissionReceipt(true, "queued");
    }

    // No per-message state route here: the message's project (payload id, else derived from the message id) is where to
    // look. A payload the trigger will refuse has no project; its reason will be in the poison queue.
    public string StatusUri(string apiBase, string messageId, string body)
    {
        string projectId;
        try
        {
            projectId = Submission.Parse(body).ProjectId;
        }
        catch (Exception e) when (e is Agents.Messaging.MessageValidationException or ArgumentException)
        {
            projectId = Submission.DeriveProjectId(messageId);
        }

        return $"{apiBase}/projects/{Uri.EscapeDataString(projectId)}";
    }
}

using Nexus.Api.Intake;

namespace Nexus.Server.Queue;

/// <summary>The shared intake (<c>POST /api/queue</c>) over the local durable submission queue: the message id is the
/// queue's unique key, so a repeated id stores nothing and answers the stored state.</summary>
internal sealed class SubmissionQueueIntake(ISubmissionQueue queue) : ISubmissionIntake
{
    public async ValueTask<SubmissionReceipt> SubmitAsync(string messageId, int priority, string body, CancellationToken cancellationToken = default)
    {
        var added = await queue.EnqueueAsync(messageId, priority, body, cancellationToken).ConfigureAwait(false);
        var state = added ? "queued" : (await queue.GetAsync(messageId, cancellationToken).ConfigureAwait(false))?.State ?? "queued";
        return new SubmissionReceipt(added, state);
    }

    public string StatusUri(string apiBase, string messageId, string body) => $"{apiBase}/queue/{Uri.EscapeDataString(messageId)}";
}

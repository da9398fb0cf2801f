namespace Nexus.Api.Intake;

/// <summary>Where a validated task-assignment envelope goes: the local host's durable submission queue (SQLite or
/// PostgreSQL), or the Function App's Azure Storage queue <c>nexus-submissions</c>.</summary>
/// <remarks>Contract: a message id is received once — submitting an id that was received before stores nothing and
/// answers <see cref="SubmissionReceipt.Added"/> = <see langword="false"/>; the message is then processed at least once,
/// and never starts more than one project.</remarks>
internal interface ISubmissionIntake
{
    /// <summary>Stores the message unless its id was received before.</summary>
    ValueTask<SubmissionReceipt> SubmitAsync(string messageId, int priority, string body, CancellationToken cancellationToken = default);

    /// <summary>Where the message's state (or its project's) can be read: an absolute URI under <paramref name="apiBase"/>
    /// (e.g. <c>https://host/api</c>).</summary>
    string StatusUri(string apiBase, string messageId, string body);
}

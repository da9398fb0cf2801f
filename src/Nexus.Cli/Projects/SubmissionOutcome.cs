namespace Nexus.Cli.Projects;

/// <summary>What putting a message on the submission queue did.</summary>
/// <param name="MessageId">The message id.</param>
/// <param name="Duplicate">Whether the id had been received before (nothing new was stored).</param>
/// <param name="State">The message's state: <c>queued</c>, <c>processing</c>, <c>completed</c> or <c>dead</c>.</param>
internal sealed record SubmissionOutcome(string MessageId, bool Duplicate, string State);

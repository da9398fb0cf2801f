namespace Nexus.Api.Contracts;

/// <summary>The answer of <c>POST /api/queue</c>.</summary>
/// <param name="MessageId">The message id.</param>
/// <param name="State">The message's state (<c>queued</c> for a new message).</param>
/// <param name="Duplicate">Whether the id had been received before (nothing new was stored).</param>
/// <param name="StatusUri">Where the message's state is.</param>
internal sealed record QueueAcceptedResponse(string MessageId, string State, bool Duplicate, string StatusUri);

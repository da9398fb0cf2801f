namespace Nexus.Api.Intake;

/// <summary>The answer of <see cref="ISubmissionIntake.SubmitAsync"/>.</summary>
/// <param name="Added">Whether the message is new (<see langword="false"/>: its id was received before; nothing was stored).</param>
/// <param name="State">The message's state (<c>queued</c> for a new one).</param>
internal sealed record SubmissionReceipt(bool Added, string State);

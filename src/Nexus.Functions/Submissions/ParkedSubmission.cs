using System.Text.Json;

namespace Nexus.Functions.Submissions;

/// <summary>A message in <c>nexus-submissions-poison</c>: why it could not be processed, and the message as received.</summary>
/// <param name="MessageId">The envelope's message id, when it could be read.</param>
/// <param name="Reason">Why it was parked.</param>
/// <param name="DequeueCount">Deliveries so far.</param>
/// <param name="Body">The message as received.</param>
public sealed record ParkedSubmission(string? MessageId, string Reason, long DequeueCount, string Body)
{
    /// <summary>The poison message's JSON (camelCase).</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);
}

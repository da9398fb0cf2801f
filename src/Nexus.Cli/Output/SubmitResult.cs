using System.Text.Json.Serialization;

namespace Nexus.Cli.Output;

/// <summary>The object <c>nexus submit --json</c> prints (without <c>--wait</c>).</summary>
/// <param name="MessageId">The message id.</param>
/// <param name="Duplicate">Whether the id had been received before (nothing new was queued).</param>
/// <param name="State">The message's state: queued, processing, completed or dead.</param>
/// <param name="ProjectId">The project the message starts (or started); null for a duplicate not processed yet.</param>
/// <param name="Server">The host's address, or null for the local queue.</param>
/// <param name="Queue">The local queue's file, or null on a host.</param>
internal sealed record SubmitResult(
    string MessageId,
    bool Duplicate,
    string State,
    string? ProjectId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Server,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Queue);

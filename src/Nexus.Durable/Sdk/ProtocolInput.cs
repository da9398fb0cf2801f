using System.Text.Json;

namespace Nexus.Durable.Sdk;

/// <summary>Activity inputs between the protocol and NEXUS's history.</summary>
/// <remarks>The SDK schedules an activity with its input inside a one-element JSON array (DurableTask.Core's
/// <c>object[]</c> parameters: <c>[value]</c>). NEXUS stores and dispatches the value itself, so every reader of the history
/// (the API, the dashboard, the CLI) sees the activity's input as it was given; the array is put back, byte for byte (the
/// SDK writes it compact), wherever the protocol expects it: replayed history and the SDK's activity shim.</remarks>
internal static class ProtocolInput
{
    /// <summary>The value inside the protocol's <c>[value]</c>.</summary>
    /// <exception cref="NotSupportedException">The input is not a one-element JSON array (the SDK never schedules one).</exception>
    public static string? Unwrap(string? input)
    {
        if (input is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(input);
        return document.RootElement is { ValueKind: JsonValueKind.Array } array && array.GetArrayLength() == 1
            ? array[0].GetRawText()
            : throw new NotSupportedException($"An activity input of the protocol is a one-element JSON array; got: {(input.Length > 80 ? input[..80] + "…" : input)}");
    }

    /// <summary>The protocol's <c>[value]</c> for a stored value.</summary>
    public static string? Wrap(string? value) => value is null ? null : $"[{value}]";
}

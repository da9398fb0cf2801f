using System.Text.Json;
using System.Text.RegularExpressions;

namespace Nexus.Api.Handlers;

/// <summary>What an event raised through the API may be called, and how its data is read.</summary>
internal static partial class EventNames
{
    /// <summary>The rule, as the 400 answer states it.</summary>
    public const string Rule = "an event name is a letter then up to 63 letters, digits, '_', '-' or '.'";

    /// <summary>Whether <paramref name="name"/> follows <see cref="Rule"/>.</summary>
    public static bool IsValid(string? name) => name is not null && Pattern().IsMatch(name);

    /// <summary>Reads the body as any JSON value; an empty body is <see langword="null"/> (an event without data).</summary>
    /// <exception cref="JsonException">The body is not JSON.</exception>
    public static async Task<JsonElement?> ReadPayloadAsync(Stream body, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        await body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        if (buffer.Length == 0)
        {
            return null;
        }

        buffer.Position = 0;
        using var document = await JsonDocument.ParseAsync(buffer, cancellationToken: cancellationToken).ConfigureAwait(false);
        return document.RootElement.ValueKind == JsonValueKind.Null ? null : document.RootElement.Clone();
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_.-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}

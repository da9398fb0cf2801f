using System.Globalization;
using System.Text.Json;
using Nexus.Workflows.Model;

namespace Nexus.Api.Handlers;

/// <summary>The text rule of <see cref="UserText"/> applied to an event's JSON data: every string in it, at any depth, and
/// every property name, since the orchestration's history and the status pages show them again.</summary>
internal static class EventPayloadText
{
    /// <summary>What is wrong with the first string of <paramref name="data"/> that holds a refused character, as one
    /// sentence naming where it is (<c>data.items[1].note</c>) and the position in it; or <see langword="null"/>.</summary>
    public static string? Describe(JsonElement data) => Describe(data, "data");

    private static string? Describe(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return UserText.Describe(element.GetString(), path);
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (Describe(item, string.Create(CultureInfo.InvariantCulture, $"{path}[{index++}]")) is { } problem)
                    {
                        return problem;
                    }
                }

                return null;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    // A refused name is described by its position in the name; shown escaped, never raw.
                    if (UserText.Describe(property.Name, $"{path} (a property name)") is { } name)
                    {
                        return name;
                    }

                    if (Describe(property.Value, $"{path}.{property.Name}") is { } problem)
                    {
                        return problem;
                    }
                }

                return null;
            default:
                return null;
        }
    }
}

using System.Text.Json;
using Microsoft.DurableTask.Client;

namespace Nexus.Api.Handlers;

/// <summary>The list's text search (a case-insensitive part of the id or the description) and its order
/// (<c>createdTime</c>, oldest first, or <c>createdTime desc</c>, newest first — the store's own order, so paging stays exact).</summary>
internal static class ProjectSearch
{
    /// <summary>The longest search text.</summary>
    public const int MaxSearchLength = 200;

    /// <summary>Why <paramref name="search"/> or <paramref name="orderBy"/> is refused, or <see langword="null"/>.</summary>
    public static string? Describe(string? search, string? orderBy)
    {
        if (search is { Length: > MaxSearchLength })
        {
            return $"search: must be at most {MaxSearchLength} characters.";
        }

        if (search is not null && search.Any(char.IsControl))
        {
            return "search: must not contain control characters.";
        }

        return orderBy is null || Order(orderBy) is not null
            ? null
            : "orderBy: must be 'createdTime' (oldest first), 'createdTime asc' or 'createdTime desc' (newest first).";
    }

    /// <summary>Whether the order asks for the newest projects first.</summary>
    public static bool IsNewestFirst(string? orderBy) => orderBy is not null && Order(orderBy) == true;

    /// <summary>Whether a project's id or description contains <paramref name="search"/> (ignoring case); any project
    /// matches an empty search.</summary>
    public static bool Matches(OrchestrationMetadata project, string? search)
    {
        ArgumentNullException.ThrowIfNull(project);
        if (string.IsNullOrWhiteSpace(search))
        {
            return true;
        }

        var text = search.Trim();
        return project.InstanceId.Contains(text, StringComparison.OrdinalIgnoreCase)
            || (Description(project.SerializedInput)?.Contains(text, StringComparison.OrdinalIgnoreCase) ?? false);
    }

    private static string? Description(string? input)
    {
        if (input is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(input);
        return document.RootElement.ValueKind == JsonValueKind.Object
            && document.RootElement.TryGetProperty("description", out var description)
            && description.ValueKind == JsonValueKind.String
            ? description.GetString()
            : null;
    }

    // true: newest first; false: oldest first; null: not an order the store has.
    private static bool? Order(string orderBy)
    {
        var parts = orderBy.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is < 1 or > 2 || !string.Equals(parts[0], "createdTime", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return parts.Length == 1 || string.Equals(parts[1], "asc", StringComparison.OrdinalIgnoreCase)
            ? false
            : string.Equals(parts[1], "desc", StringComparison.OrdinalIgnoreCase) ? true : null;
    }
}

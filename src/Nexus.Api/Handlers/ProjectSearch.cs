using System.Text.Json;
using Microsoft.DurableTask.Client;
using Nexus.Durable.Storage;

namespace Nexus.Api.Handlers;

/// <summary>The list's text search (a case-insensitive part of the id or the description) and its order: a column the
/// store pages by — <c>createdTime</c>, <c>lastUpdatedTime</c>, <c>runtimeStatus</c> or <c>instanceId</c> (the Durable
/// Functions names), then <c>asc</c> (the default) or <c>desc</c>; ties by id, so paging stays exact.</summary>
internal static class ProjectSearch
{
    /// <summary>The longest search text.</summary>
    public const int MaxSearchLength = 200;

    // The orderBy columns (Durable Functions' names) and the store's order of each.
    private static readonly Dictionary<string, InstanceOrder> Columns = new(StringComparer.OrdinalIgnoreCase)
    {
        ["createdTime"] = InstanceOrder.CreatedTime,
        ["lastUpdatedTime"] = InstanceOrder.LastUpdatedTime,
        ["runtimeStatus"] = InstanceOrder.RuntimeStatus,
        ["instanceId"] = InstanceOrder.InstanceId,
    };

    /// <summary>Why <paramref name="search"/> or <paramref name="orderBy"/> is refused, or <see langword="null"/>.</summary>
    public static string? Describe(string? search, string? orderBy)
    {
        if (Workflows.Model.UserText.Characters(search) > MaxSearchLength)
        {
            return $"search: must be at most {MaxSearchLength} characters.";
        }

        if (search is not null && search.Any(char.IsControl))
        {
            return "search: must not contain control characters.";
        }

        return orderBy is null || Order(orderBy) is not null
            ? null
            : $"orderBy: must be one of {string.Join(", ", Columns.Keys)}, optionally followed by asc or desc (for example 'lastUpdatedTime desc').";
    }

    /// <summary>What a list that asks for an order is told when its Durable Task client cannot page in that order, or
    /// <see langword="null"/>.</summary>
    /// <remarks>Creation time, oldest or newest first, is NEXUS's store's own paging order (exact across pages). The SDK's
    /// instance query has no order, and another client — the Durable extension's on Azure Storage, in the Function App —
    /// lists in its store's own. Sorting a page after the read would be ordered within a page only and silently wrong
    /// across pages, so an explicit order is refused there rather than ignored.</remarks>
    /// <param name="orderBy">The <c>orderBy</c> asked for (already valid: <see cref="Describe"/>), or <see langword="null"/>.</param>
    /// <param name="nexusStore">Whether the client is NEXUS's own (<c>NexusDurableTaskClient</c>).</param>
    public static string? DescribeUnsupportedOrder(string? orderBy, bool nexusStore) =>
        orderBy is not null && !nexusStore
            ? "orderBy: newest-first ordering ('createdTime desc'), like any explicit order, needs NEXUS's store (nexus serve); " +
              "this host's Durable Task store lists projects in its own order. Leave orderBy out and sort the page yourself."
            : null;

    /// <summary>The store order of a valid <paramref name="orderBy"/> (already checked by <see cref="Describe"/>); creation
    /// time ascending when none is given.</summary>
    public static (InstanceOrder OrderBy, bool Descending) StoreOrder(string? orderBy) =>
        orderBy is null ? (InstanceOrder.CreatedTime, false) : Order(orderBy) ?? (InstanceOrder.CreatedTime, false);

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

    // The column and direction, or null: not an order the store has.
    private static (InstanceOrder OrderBy, bool Descending)? Order(string orderBy)
    {
        var parts = orderBy.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is < 1 or > 2 || !Columns.TryGetValue(parts[0], out var column))
        {
            return null;
        }

        return parts.Length == 1 || string.Equals(parts[1], "asc", StringComparison.OrdinalIgnoreCase)
            ? (column, false)
            : string.Equals(parts[1], "desc", StringComparison.OrdinalIgnoreCase) ? (column, true) : null;
    }
}

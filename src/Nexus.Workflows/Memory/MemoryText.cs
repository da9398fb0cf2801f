namespace Nexus.Workflows.Memory;

/// <summary>Shortening text for the memory: whole, or cut with an ellipsis.</summary>
public static class MemoryText
{
    /// <summary><paramref name="text"/> when it has at most <paramref name="max"/> characters, else its start and "…".</summary>
    public static string Clip(string? text, int max)
    {
        var value = (text ?? string.Empty).Trim();
        return value.Length <= max ? value : string.Concat(value.AsSpan(0, Math.Max(0, max - 1)).TrimEnd(), "…");
    }

    /// <summary>The first non-empty line of <paramref name="text"/>, clipped to <paramref name="max"/>.</summary>
    public static string FirstLine(string? text, int max) =>
        Clip((text ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault(), max);
}

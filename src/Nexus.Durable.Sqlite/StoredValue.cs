namespace Nexus.Durable.Sqlite;

/// <summary>How a value is written: inline text, or a reference (SHA-256) to a row of <c>payloads</c>.</summary>
internal readonly record struct StoredValue(string? Inline, byte[]? Hash)
{
    public static StoredValue None => default;
}

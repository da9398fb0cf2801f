namespace Nexus.Agents.Workspaces;

/// <summary>
/// A file edit was refused because it would leave the workspace, touch <c>.git</c>, or is malformed.
/// When this is thrown, none of the edits of the batch has been written.
/// </summary>
public sealed class FileEditRejectedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public FileEditRejectedException()
        : this(string.Empty, "the edit was refused")
    {
    }

    /// <summary>Creates the exception.</summary>
    public FileEditRejectedException(string message)
        : base(message)
    {
        EditPath = string.Empty;
        Reason = message;
    }

    /// <summary>Creates the exception.</summary>
    public FileEditRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
        EditPath = string.Empty;
        Reason = message;
    }

    /// <summary>Creates the exception for the edit of <paramref name="editPath"/>.</summary>
    public FileEditRejectedException(string editPath, string reason)
        : base(FormatMessage(editPath, reason))
    {
        EditPath = editPath ?? string.Empty;
        Reason = reason;
    }

    /// <summary>The path as the agent wrote it (control characters shown escaped in <see cref="Exception.Message"/>).</summary>
    public string EditPath { get; }

    /// <summary>Why the edit was refused.</summary>
    public string Reason { get; }

    private static string FormatMessage(string? editPath, string reason) =>
        $"File edit refused for path '{Printable(editPath ?? string.Empty)}': {reason}. No edit of this batch was written.";

    private static string Printable(string path)
    {
        var builder = new System.Text.StringBuilder(path.Length);
        foreach (var c in path)
        {
            if (char.IsControl(c))
            {
                builder.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}

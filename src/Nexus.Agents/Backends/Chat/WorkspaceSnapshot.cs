using System.Globalization;
using System.Text;
using Nexus.Agents.Security;

namespace Nexus.Agents.Backends.Chat;

/// <summary>Renders the workspace's files into the prompt of a chat model, which cannot open files itself.</summary>
/// <remarks>
/// Deterministic (files in ordinal path order). Never follows symbolic links, skips version-control, dependency and
/// build folders, never includes credential files (<c>.env</c>, keys, certificates), skips binary files, and passes
/// every included text through the redactor. Contents stop at the byte budget; later files are listed without content.
/// </remarks>
internal static class WorkspaceSnapshot
{
    internal const int MaxFileBytes = 64 * 1024;
    private const int MaxListedFiles = 2000;

    private static readonly HashSet<string> SkippedFolders = new(StringComparer.OrdinalIgnoreCase)
    {
        ".git", "node_modules", "bin", "obj", "__pycache__", ".venv", "venv", ".pytest_cache", ".mypy_cache", ".ruff_cache",
        ".tox", "dist", "build", "target", ".idea", ".vs", ".vscode", ".gradle", ".next", "coverage",
    };

    private static readonly string[] SecretFilePrefixes = [".env", "id_rsa", "id_ed25519", "id_ecdsa", ".npmrc", ".pypirc", ".netrc"];
    private static readonly string[] SecretFileSuffixes = [".pem", ".key", ".pfx", ".p12", ".keystore", ".jks"];

    internal static string Render(string workspacePath, int budgetBytes, SecretRedactor redactor)
    {
        if (budgetBytes <= 0 || !Directory.Exists(workspacePath))
        {
            return string.Empty;
        }

        var files = ListFiles(workspacePath);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# Workspace files ({files.Count}{(files.Count >= MaxListedFiles ? "+" : string.Empty)})");
        if (files.Count == 0)
        {
            text.AppendLine("The workspace is empty.");
            return text.ToString();
        }

        var remaining = budgetBytes;
        var omitted = new List<string>();
        foreach (var (relative, full, length) in files)
        {
            var reason = SkipReason(relative, length, remaining);
            string? content = null;
            if (reason is null && !TryReadText(full, out content))
            {
                reason = "binary";
            }

            if (reason is not null)
            {
                omitted.Add($"- {relative} ({length} bytes, {reason})");
                continue;
            }

            remaining -= (int)length;
            text.AppendLine(CultureInfo.InvariantCulture, $"<file path=\"{relative}\">");
            text.Append(redactor.Redact(content));
            if (content!.Length > 0 && content[^1] != '\n')
            {
                text.AppendLine();
            }

            text.AppendLine("</file>");
        }

        if (omitted.Count > 0)
        {
            text.AppendLine("Files whose content is not shown:");
            foreach (var line in omitted)
            {
                text.AppendLine(line);
            }
        }

        return text.ToString();
    }

    private static string? SkipReason(string relative, long length, int remaining)
    {
        var name = Path.GetFileName(relative);
        if (SecretFilePrefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase))
            || SecretFileSuffixes.Any(s => name.EndsWith(s, StringComparison.OrdinalIgnoreCase)))
        {
            return "may hold secrets";
        }

        if (length > MaxFileBytes)
        {
            return "too large";
        }

        return length > remaining ? "over the prompt budget" : null;
    }

    private static bool TryReadText(string path, out string? content)
    {
        content = null;
        try
        {
            var bytes = File.ReadAllBytes(path);
            if (bytes.AsSpan(0, Math.Min(bytes.Length, 8000)).Contains((byte)0))
            {
                return false;
            }

            content = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or DecoderFallbackException)
        {
            return false;
        }
    }

    private static List<(string Relative, string Full, long Length)> ListFiles(string root)
    {
        var files = new List<(string, string, long)>();
        var pending = new Stack<string>();
        pending.Push(root);
        var options = new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = true };
        while (pending.TryPop(out var folder) && files.Count < MaxListedFiles)
        {
            foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos("*", options))
            {
                if (entry.LinkTarget is not null)
                {
                    continue;
                }

                if (entry is DirectoryInfo directory)
                {
                    if (!SkippedFolders.Contains(directory.Name))
                    {
                        pending.Push(directory.FullName);
                    }
                }
                else if (entry is FileInfo file && files.Count < MaxListedFiles)
                {
                    files.Add((Path.GetRelativePath(root, file.FullName).Replace('\\', '/'), file.FullName, file.Length));
                }
            }
        }

        files.Sort((a, b) => string.CompareOrdinal(a.Item1, b.Item1));
        return files;
    }
}

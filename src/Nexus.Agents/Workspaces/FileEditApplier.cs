using System.Text;

namespace Nexus.Agents.Workspaces;

/// <summary>Applies the file edits of a chat-model agent inside one workspace, and nowhere else.</summary>
/// <remarks>
/// <para>
/// Every edit of a batch is validated before any is written; one refused edit refuses the batch
/// (<see cref="FileEditRejectedException"/>) and nothing is written. Refused: empty paths, NUL or other control
/// characters, absolute paths (<c>/x</c>, <c>C:\x</c>, <c>\\server\x</c>), any <c>..</c> segment, any <c>.git</c>
/// segment in any letter case (also the Windows aliases <c>.git.</c> and <c>git~1</c>), paths whose existing components
/// include a symbolic link that leads outside the workspace or into its <c>.git</c>, directories, paths below a file,
/// and the same file edited twice in one batch.
/// </para>
/// <para>
/// Links are resolved component by component from the workspace's real path (like <c>realpath</c>, also when the last
/// component does not exist yet, so a dangling link cannot be used to create a file outside). Writes go to a temporary
/// file in the target folder that is then renamed over the target, so a reader never sees half a file; an existing
/// file keeps its Unix permissions. The check and the writes are not atomic against a concurrent process that replaces
/// folders with links in between: apply edits while no agent process runs in the workspace (chat backends do).
/// </para>
/// </remarks>
public sealed class FileEditApplier
{
    private const int MaxLinkHops = 40;
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);
    private static readonly StringComparison PathComparison =
        OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;

    private readonly string _realRoot;
    private readonly AgentWritePolicy _policy;

    /// <summary>Creates an applier for the workspace at <paramref name="workspacePath"/> (an existing folder) that also
    /// refuses what <paramref name="policy"/> (the writing agent's allowed tools) does not allow; default: every path.</summary>
    public FileEditApplier(string workspacePath, AgentWritePolicy? policy = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workspacePath);
        _policy = policy ?? AgentWritePolicy.Unrestricted;
        var full = Path.GetFullPath(workspacePath);
        if (!Directory.Exists(full))
        {
            throw new DirectoryNotFoundException($"The workspace '{full}' does not exist.");
        }

        WorkspacePath = full;
        _realRoot = Path.TrimEndingDirectorySeparator(ResolveRealPath(full));
    }

    /// <summary>The workspace folder (absolute).</summary>
    public string WorkspacePath { get; }

    /// <summary>Validates every edit without writing anything.</summary>
    /// <exception cref="FileEditRejectedException">An edit is refused; the message names its path and the reason.</exception>
    public void Validate(IReadOnlyList<FileEdit> edits)
    {
        ArgumentNullException.ThrowIfNull(edits);
        _ = Plan(edits);
    }

    /// <summary>Validates all edits, then applies them in order.</summary>
    /// <returns>The workspace-relative paths (with <c>/</c>) that were created, changed or deleted, in edit order.
    /// An edit that writes a file's current content, or deletes a file that does not exist, changes nothing and is not listed.</returns>
    /// <exception cref="FileEditRejectedException">An edit is refused; nothing was written.</exception>
    /// <remarks>Cancellation is observed before the first write only, so a batch is never left half applied by it.</remarks>
    public IReadOnlyList<string> Apply(IReadOnlyList<FileEdit> edits, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(edits);
        var plan = Plan(edits);
        cancellationToken.ThrowIfCancellationRequested();

        var changed = new List<string>(plan.Count);
        foreach (var step in plan)
        {
            if (step.Delete ? DeleteFile(step.FullPath) : WriteFile(step.FullPath, step.Content!))
            {
                changed.Add(step.RelativePath);
            }
        }

        return changed;
    }

    private List<PlannedEdit> Plan(IReadOnlyList<FileEdit> edits)
    {
        var plan = new List<PlannedEdit>(edits.Count);
        var seen = new HashSet<string>(OperatingSystem.IsLinux() ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase);
        foreach (var edit in edits)
        {
            if (edit is null)
            {
                throw new FileEditRejectedException(string.Empty, "the edit is null");
            }

            var step = PlanOne(edit);
            if (!seen.Add(step.FullPath))
            {
                throw new FileEditRejectedException(edit.Path, "the same file is edited more than once in one batch");
            }

            plan.Add(step);
        }

        return plan;
    }

    private PlannedEdit PlanOne(FileEdit edit)
    {
        var path = edit.Path;
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new FileEditRejectedException(path ?? string.Empty, "the path is empty");
        }

        if (path.Contains('\0', StringComparison.Ordinal))
        {
            throw new FileEditRejectedException(path, "the path contains a NUL character");
        }

        if (path.Any(char.IsControl))
        {
            throw new FileEditRejectedException(path, "the path contains a control character");
        }

        switch (edit)
        {
            case { Delete: true, Content: not null }:
                throw new FileEditRejectedException(path, "the edit has both content and delete");
            case { Delete: false, Content: null }:
                throw new FileEditRejectedException(path, "the edit has neither content nor delete");
        }

        var normalized = path.Replace('\\', '/');
        if (Path.IsPathRooted(path) || normalized.StartsWith('/') || (normalized.Length >= 2 && normalized[1] == ':'))
        {
            throw new FileEditRejectedException(path, "absolute paths are not allowed; use a path relative to the workspace");
        }

        var segments = normalized.Split('/').Where(s => s.Length > 0 && s != ".").ToArray();
        if (segments.Length == 0)
        {
            throw new FileEditRejectedException(path, "the path names no file");
        }

        if (segments.Contains(".."))
        {
            throw new FileEditRejectedException(path, "'..' segments are not allowed");
        }

        if (segments.Any(IsGitName))
        {
            throw new FileEditRejectedException(path, "writing into .git is not allowed");
        }

        var relative = string.Join('/', segments);
        if (_policy.Refusal(relative) is { } refusal)
        {
            throw new FileEditRejectedException(path, refusal);
        }

        string full;
        try
        {
            full = ResolveRealPath(Path.Join(_realRoot, Path.Join(segments)));
        }
        catch (IOException ex)
        {
            throw new FileEditRejectedException(path, $"the path cannot be resolved ({ex.Message})");
        }

        if (!IsStrictlyInside(full))
        {
            throw new FileEditRejectedException(path, "the path leads outside the workspace through a symbolic link");
        }

        if (Path.GetRelativePath(_realRoot, full).Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).Any(IsGitName))
        {
            throw new FileEditRejectedException(path, "the path leads into .git through a symbolic link");
        }

        if (Directory.Exists(full))
        {
            throw new FileEditRejectedException(path, "the path is a directory");
        }

        for (var parent = Path.GetDirectoryName(full); parent is not null && IsStrictlyInside(parent); parent = Path.GetDirectoryName(parent))
        {
            if (File.Exists(parent))
            {
                throw new FileEditRejectedException(path, $"'{Path.GetRelativePath(_realRoot, parent).Replace('\\', '/')}' is a file, not a folder");
            }
        }

        return new PlannedEdit(relative, full, edit.Content, edit.Delete);
    }

    private bool IsStrictlyInside(string fullPath)
    {
        var rootWithSeparator = Path.EndsInDirectorySeparator(_realRoot) ? _realRoot : _realRoot + Path.DirectorySeparatorChar;
        return fullPath.Length > rootWithSeparator.Length && fullPath.StartsWith(rootWithSeparator, PathComparison);
    }

    /// <summary><c>.git</c> in any case, and the names Windows file systems treat as it (<c>.git.</c>, <c>.git </c>, <c>git~1</c>, <c>.git::$INDEX_ALLOCATION</c>).</summary>
    private static bool IsGitName(string segment)
    {
        var trimmed = segment.TrimEnd('.', ' ');
        var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            trimmed = trimmed[..colon];
        }

        return trimmed.Equals(".git", StringComparison.OrdinalIgnoreCase) || trimmed.Equals("git~1", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Resolves every symbolic link of an absolute path, also when its tail does not exist yet.</summary>
    /// <exception cref="IOException">Too many levels of symbolic links (a loop).</exception>
    internal static string ResolveRealPath(string absolutePath)
    {
        var root = Path.GetPathRoot(absolutePath);
        if (string.IsNullOrEmpty(root))
        {
            throw new ArgumentException($"'{absolutePath}' is not an absolute path.", nameof(absolutePath));
        }

        var pending = new Stack<string>(SplitSegments(absolutePath[root.Length..]).Reverse());
        var current = root;
        var hops = 0;
        while (pending.TryPop(out var segment))
        {
            if (segment is "" or ".")
            {
                continue;
            }

            if (segment == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }

            var next = Path.Join(current, segment);
            var target = new FileInfo(next).LinkTarget;
            if (target is null)
            {
                current = next;
                continue;
            }

            if (++hops > MaxLinkHops)
            {
                throw new IOException($"too many levels of symbolic links at '{next}'");
            }

            var targetRoot = Path.GetPathRoot(target);
            if (!string.IsNullOrEmpty(targetRoot))
            {
                current = targetRoot;
                target = target[targetRoot.Length..];
            }

            foreach (var part in SplitSegments(target).Reverse())
            {
                pending.Push(part);
            }
        }

        return current;
    }

    private static string[] SplitSegments(string path) =>
        path.Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);

    private static bool DeleteFile(string fullPath)
    {
        if (!File.Exists(fullPath))
        {
            return false;
        }

        File.Delete(fullPath);
        return true;
    }

    private static bool WriteFile(string fullPath, string content)
    {
        var bytes = Utf8NoBom.GetBytes(content);
        var exists = File.Exists(fullPath);
        if (exists && new FileInfo(fullPath).Length == bytes.Length && File.ReadAllBytes(fullPath).AsSpan().SequenceEqual(bytes))
        {
            return false;
        }

        var folder = Path.GetDirectoryName(fullPath)!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Join(folder, $".nexus-edit-{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllBytes(temporary, bytes);
            if (exists && !OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, File.GetUnixFileMode(fullPath));
            }

            File.Move(temporary, fullPath, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }

        return true;
    }

    private sealed record PlannedEdit(string RelativePath, string FullPath, string? Content, bool Delete);
}

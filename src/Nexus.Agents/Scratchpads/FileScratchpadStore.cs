using System.Collections.Concurrent;
using System.Text;
using Nexus.Agents.Security;

namespace Nexus.Agents.Scratchpads;

/// <summary>
/// An <see cref="IScratchpadStore"/> that keeps each pad as a readable Markdown file at
/// <c>&lt;root&gt;/&lt;projectId&gt;/scratchpads/&lt;pad&gt;.md</c> and reads it back from there.
/// </summary>
/// <remarks>
/// Each write rewrites the whole file through a temporary file and a rename, so the file is always either the old or the
/// new version. Writes are serialized per pad within this instance; two processes writing the same pad at once are not
/// coordinated (the last rename wins). Text added to the file by hand outside an entry is not preserved by the next write.
/// </remarks>
public sealed class FileScratchpadStore : IScratchpadStore
{
    private static readonly UTF8Encoding _utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly ConcurrentDictionary<string, SemaphoreSlim> _padLocks = new(StringComparer.Ordinal);
    private readonly SecretRedactor _redactor;

    /// <summary>Creates a store under <paramref name="rootDirectory"/> (created on first write); <paramref name="redactor"/> defaults to <see cref="SecretRedactor.FromEnvironment"/>.</summary>
    public FileScratchpadStore(string rootDirectory, SecretRedactor? redactor = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootDirectory);
        RootDirectory = Path.GetFullPath(rootDirectory);
        _redactor = redactor ?? SecretRedactor.FromEnvironment();
    }

    /// <summary>The folder that holds one sub-folder per project.</summary>
    public string RootDirectory { get; }

    /// <summary>The file a pad is kept in (whether or not it exists yet).</summary>
    public string GetPadPath(string projectId, string pad) =>
        Path.Combine(GetPadDirectory(ProjectIds.Validate(projectId)), ScratchpadNames.Validate(pad) + ".md");

    /// <inheritdoc />
    public async ValueTask<ScratchpadEntry> WriteAsync(string projectId, string pad, ScratchpadEntry entry, CancellationToken cancellationToken = default)
    {
        var path = GetPadPath(projectId, pad);
        var stored = ScratchpadRules.Prepare(entry, _redactor);
        var padLock = _padLocks.GetOrAdd(path, _ => new SemaphoreSlim(1, 1));
        await padLock.WaitAsync(cancellationToken);
        try
        {
            var existing = File.Exists(path) ? ScratchpadMarkdown.Parse(await File.ReadAllTextAsync(path, _utf8, cancellationToken)) : [];
            var entries = ScratchpadRules.Upsert(existing, stored);
            await WriteAtomicallyAsync(path, ScratchpadMarkdown.Render(pad, entries), cancellationToken);
        }
        finally
        {
            padLock.Release();
        }

        return stored;
    }

    /// <inheritdoc />
    public async ValueTask<Scratchpad?> ReadAsync(string projectId, string pad, CancellationToken cancellationToken = default)
    {
        var path = GetPadPath(projectId, pad);
        string markdown;
        try
        {
            markdown = await File.ReadAllTextAsync(path, _utf8, cancellationToken);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        return new Scratchpad(projectId, pad, ScratchpadMarkdown.Parse(markdown), markdown);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<string>> ListAsync(string projectId, CancellationToken cancellationToken = default)
    {
        var directory = GetPadDirectory(ProjectIds.Validate(projectId));
        cancellationToken.ThrowIfCancellationRequested();
        IReadOnlyList<string> names = Directory.Exists(directory)
            ? [.. Directory.EnumerateFiles(directory, "*.md")
                .Select(Path.GetFileNameWithoutExtension)
                .OfType<string>()
                .Where(ScratchpadNames.IsValid)
                .Order(StringComparer.Ordinal)]
            : [];
        return ValueTask.FromResult(names);
    }

    private string GetPadDirectory(string projectId) => Path.Combine(RootDirectory, projectId, "scratchpads");

    private static async Task WriteAtomicallyAsync(string path, string text, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
            {
                await stream.WriteAsync(_utf8.GetBytes(text), cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}

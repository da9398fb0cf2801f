using System.Collections.Concurrent;
using Azure;
using Azure.Core;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Nexus.Agents.Security;

namespace Nexus.Agents.Scratchpads;

/// <summary>
/// An <see cref="IScratchpadStore"/> on Azure Blob Storage: one readable Markdown blob per project and pad, at
/// <c>{projectId}/{pad}.md</c> in one container (default <c>scratchpads</c>), written with ETag conditions so that writers in
/// different processes never lose each other's entries.
/// </summary>
/// <remarks>
/// <para>
/// <b>Format.</b> The blob is exactly what <see cref="FileScratchpadStore"/> writes to disk (<c>text/markdown</c>): a title,
/// then per entry a machine-readable <c>&lt;!-- nexus:entry step=… author=… at=… --&gt;</c> comment (invisible when the
/// Markdown is rendered), a heading with author and time, and the content. The comment lines are what make the entries
/// round-trip; there is no second copy in metadata or JSON that could disagree with what a human reads.
/// </para>
/// <para>
/// <b>Concurrency.</b> A write reads the blob and its ETag, upserts the entry by step key, and writes the whole blob back only
/// if nobody changed it meanwhile: <c>If-Match: &lt;etag&gt;</c> for an existing blob, <c>If-None-Match: *</c> when creating it.
/// A writer that loses the race (412 or 409) reads again and reapplies its entry to the new content, so concurrent writers of
/// different steps both land and a write keyed by an existing step replaces that entry (never a duplicate). After
/// <see cref="BlobScratchpadStoreOptions.MaxWriteAttempts"/> lost races the write fails with a
/// <see cref="ScratchpadConflictException"/>. Within one store instance writes to a pad are also serialized, so they do not
/// race each other at all. A write that would not change the blob (an identical retry) is not sent.
/// </para>
/// <para>The container is created on the first write when it does not exist; reading or listing a missing container finds
/// nothing. <see cref="IScratchpadStore"/> has no delete, so purging a project's pads is not part of this store.</para>
/// </remarks>
public sealed class BlobScratchpadStore : IScratchpadStore
{
    private const string ContentType = "text/markdown; charset=utf-8";

    private readonly ConcurrentDictionary<string, SemaphoreSlim> _padLocks = new(StringComparer.Ordinal);
    private readonly BlobContainerClient _container;
    private readonly SecretRedactor _redactor;
    private readonly int _maxWriteAttempts;

    /// <summary>Creates a store on <paramref name="container"/> (created on the first write when missing).</summary>
    /// <param name="container">The container the pads live in; its credentials are the store's.</param>
    /// <param name="redactor">Masks secrets before anything is stored; default <see cref="SecretRedactor.FromEnvironment"/>.</param>
    /// <param name="options">Retry limit; <see cref="BlobScratchpadStoreOptions.ContainerName"/> is not used by this constructor.</param>
    public BlobScratchpadStore(BlobContainerClient container, SecretRedactor? redactor = null, BlobScratchpadStoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(container);
        options ??= new BlobScratchpadStoreOptions();
        options.Validate();
        _container = container;
        _redactor = redactor ?? SecretRedactor.FromEnvironment();
        _maxWriteAttempts = options.MaxWriteAttempts;
    }

    /// <summary>The container the pads live in.</summary>
    public BlobContainerClient Container => _container;

    /// <summary>A store on the container <see cref="BlobScratchpadStoreOptions.ContainerName"/> of the account a connection string names (Azurite's included).</summary>
    public static BlobScratchpadStore Create(string connectionString, BlobScratchpadStoreOptions? options = null, SecretRedactor? redactor = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        options ??= new BlobScratchpadStoreOptions();
        options.Validate();
        return new BlobScratchpadStore(new BlobContainerClient(connectionString, options.ContainerName), redactor, options);
    }

    /// <summary>
    /// A store on the container <see cref="BlobScratchpadStoreOptions.ContainerName"/> of the blob service at
    /// <paramref name="serviceUri"/> (<c>https://&lt;account&gt;.blob.core.windows.net</c>), authenticated with an Entra ID
    /// <paramref name="credential"/> such as a managed identity: the identity-based connection for accounts with shared keys off.
    /// </summary>
    /// <remarks>The identity needs a data role on the container, such as Storage Blob Data Contributor.</remarks>
    public static BlobScratchpadStore Create(Uri serviceUri, TokenCredential credential, BlobScratchpadStoreOptions? options = null, SecretRedactor? redactor = null)
    {
        ArgumentNullException.ThrowIfNull(serviceUri);
        ArgumentNullException.ThrowIfNull(credential);
        options ??= new BlobScratchpadStoreOptions();
        options.Validate();
        return new BlobScratchpadStore(new BlobServiceClient(serviceUri, credential).GetBlobContainerClient(options.ContainerName), redactor, options);
    }

    /// <summary>The blob name of a pad (whether or not it exists yet): <c>{projectId}/{pad}.md</c>.</summary>
    public static string GetBlobName(string projectId, string pad) =>
        $"{ProjectIds.Validate(projectId)}/{ScratchpadNames.Validate(pad)}.md";

    /// <inheritdoc />
    /// <exception cref="ScratchpadConflictException">Other writers changed the pad before every one of this write's attempts.</exception>
    public async ValueTask<ScratchpadEntry> WriteAsync(string projectId, string pad, ScratchpadEntry entry, CancellationToken cancellationToken = default)
    {
        var blob = _container.GetBlobClient(GetBlobName(projectId, pad));
        var stored = ScratchpadRules.Prepare(entry, _redactor);
        var padLock = _padLocks.GetOrAdd(blob.Name, _ => new SemaphoreSlim(1, 1));
        await padLock.WaitAsync(cancellationToken);
        try
        {
            await WriteWithRetriesAsync(blob, pad, stored, cancellationToken);
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
        var blob = _container.GetBlobClient(GetBlobName(projectId, pad));
        var current = await DownloadAsync(blob, cancellationToken);
        return current is null ? null : new Scratchpad(projectId, pad, ScratchpadMarkdown.Parse(current.Value.Markdown), current.Value.Markdown);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<string>> ListAsync(string projectId, CancellationToken cancellationToken = default)
    {
        var prefix = ProjectIds.Validate(projectId) + "/";
        var names = new List<string>();
        try
        {
            await foreach (var item in _container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, cancellationToken))
            {
                var rest = item.Name[prefix.Length..];
                if (rest.EndsWith(".md", StringComparison.Ordinal) && rest[..^3] is var pad && ScratchpadNames.IsValid(pad))
                {
                    names.Add(pad);
                }
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return []; // No container yet: nothing was ever written.
        }

        names.Sort(StringComparer.Ordinal);
        return names;
    }

    private async Task WriteWithRetriesAsync(BlobClient blob, string pad, ScratchpadEntry stored, CancellationToken cancellationToken)
    {
        RequestFailedException? lastConflict = null;
        for (var attempt = 1; attempt <= _maxWriteAttempts; attempt++)
        {
            var current = await DownloadAsync(blob, cancellationToken);
            var existing = current is null ? [] : ScratchpadMarkdown.Parse(current.Value.Markdown);
            var markdown = ScratchpadMarkdown.Render(pad, ScratchpadRules.Upsert(existing, stored));
            if (current is { } unchanged && string.Equals(unchanged.Markdown, markdown, StringComparison.Ordinal))
            {
                return; // An identical retry: the pad already says exactly this.
            }

            var conditions = current is { } read ? new BlobRequestConditions { IfMatch = read.ETag } : new BlobRequestConditions { IfNoneMatch = ETag.All };
            try
            {
                await UploadAsync(blob, markdown, conditions, cancellationToken);
                return;
            }
            catch (RequestFailedException ex) when (IsLostRace(ex))
            {
                lastConflict = ex;
                await Task.Delay(Backoff(attempt), cancellationToken);
            }
        }

        throw new ScratchpadConflictException(
            $"The scratchpad '{blob.Name}' in container '{_container.Name}' was changed by other writers before each of {_maxWriteAttempts} " +
            "write attempts; the entry was not stored. Writing it again is safe.",
            lastConflict!);
    }

    private async Task UploadAsync(BlobClient blob, string markdown, BlobRequestConditions conditions, CancellationToken cancellationToken)
    {
        var upload = new BlobUploadOptions { Conditions = conditions, HttpHeaders = new BlobHttpHeaders { ContentType = ContentType } };
        try
        {
            await blob.UploadAsync(BinaryData.FromString(markdown), upload, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.ErrorCode == BlobErrorCode.ContainerNotFound)
        {
            await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            await blob.UploadAsync(BinaryData.FromString(markdown), upload, cancellationToken);
        }
    }

    private static async Task<(string Markdown, ETag ETag)?> DownloadAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            var download = (await blob.DownloadContentAsync(cancellationToken)).Value;
            return (download.Content.ToString(), download.Details.ETag);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null; // Blob or container missing: nothing was ever written to this pad.
        }
    }

    /// <summary>412: the blob changed since it was read; 409: someone created it first; 404: it was deleted since it was read.</summary>
    private static bool IsLostRace(RequestFailedException exception) =>
        exception.Status is 412 or 409 || exception.ErrorCode == BlobErrorCode.BlobNotFound;

    /// <summary>A short random pause that grows with the attempt, so writers that collided do not collide again in lockstep.</summary>
    private static TimeSpan Backoff(int attempt) =>
#pragma warning disable CA5394 // Jitter, not security.
        TimeSpan.FromMilliseconds(Random.Shared.Next(1, 10 * Math.Min(attempt, 10)));
#pragma warning restore CA5394
}

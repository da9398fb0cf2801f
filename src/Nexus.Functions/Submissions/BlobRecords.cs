using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Nexus.Functions.Submissions;

/// <summary>Create-once records as blobs (<c>If-None-Match: *</c>): the first writer of a name wins atomically, every later
/// one reads what it wrote. Names are SHA-256 hashes of the key, so any key is a safe blob name.</summary>
internal sealed class BlobRecords(BlobContainerClient container)
{
    private int _created;

    /// <summary>Stores <paramref name="content"/> under <paramref name="kind"/>/<paramref name="key"/> unless a record exists;
    /// returns whether this call created it and the stored content.</summary>
    public async ValueTask<(bool Created, string Content)> GetOrAddAsync(string kind, string key, string content, CancellationToken cancellationToken)
    {
        var blob = Blob(kind, key);
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await blob.UploadAsync(BinaryData.FromString(content), new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken)
                .ConfigureAwait(false);
            return (true, content);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            var stored = await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return (false, stored.Value.Content.ToString());
        }
    }

    /// <summary>Removes a record (its action was refused, so a retry may try again).</summary>
    public async ValueTask RemoveAsync(string kind, string key, CancellationToken cancellationToken) =>
        await Blob(kind, key).DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);

    private BlobClient Blob(string kind, string key) =>
        container.GetBlobClient($"{kind}/{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))}");

    private async ValueTask EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _created) == 0)
        {
            await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _created, 1);
        }
    }
}

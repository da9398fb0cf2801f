using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace Nexus.Functions.Hosting;

/// <summary>The app's own Blob and Queue clients on the host's storage connection, read the way the Functions host reads
/// it: a connection string in <c>AzureWebJobsStorage</c>, or an identity-based connection
/// (<c>AzureWebJobsStorage__accountName</c>, optionally <c>__blobServiceUri</c>/<c>__queueServiceUri</c>,
/// <c>__clientId</c> for a user-assigned identity).</summary>
public sealed class StorageClients
{
    private StorageClients(BlobServiceClient blobs, QueueServiceClient queues)
    {
        Blobs = blobs;
        Queues = queues;
    }

    /// <summary>The blob service.</summary>
    public BlobServiceClient Blobs { get; }

    /// <summary>The queue service (plain-text messages, as host.json's <c>messageEncoding: none</c> reads them).</summary>
    public QueueServiceClient Queues { get; }

    /// <summary>Clients over a connection string (Azurite, or a key-based account).</summary>
    public static StorageClients FromConnectionString(string connectionString) =>
        new(new BlobServiceClient(connectionString), new QueueServiceClient(connectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None }));

    /// <summary>Clients over the configured connection.</summary>
    /// <exception cref="InvalidOperationException">Neither form of the connection is configured (the message says what to set).</exception>
    public static StorageClients FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var name = FunctionAppSettings.StorageConnection;
        if (configuration[name] is { Length: > 0 } connectionString)
        {
            return FromConnectionString(connectionString);
        }

        var section = configuration.GetSection(name);
        var account = section["accountName"];
        var blobUri = section["blobServiceUri"] is { Length: > 0 } b ? new Uri(b) : account is { Length: > 0 } ? new Uri($"https://{account}.blob.core.windows.net") : null;
        var queueUri = section["queueServiceUri"] is { Length: > 0 } q ? new Uri(q) : account is { Length: > 0 } ? new Uri($"https://{account}.queue.core.windows.net") : null;
        if (blobUri is null || queueUri is null)
        {
            throw new InvalidOperationException(
                $"No storage connection: set {name} (a connection string) or {name}__accountName (an identity-based connection).");
        }

        TokenCredential credential = section["clientId"] is { Length: > 0 } clientId
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new DefaultAzureCredential();
        return new StorageClients(
            new BlobServiceClient(blobUri, credential),
            new QueueServiceClient(queueUri, credential, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None }));
    }
}

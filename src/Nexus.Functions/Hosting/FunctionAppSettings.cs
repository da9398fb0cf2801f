namespace Nexus.Functions.Hosting;

/// <summary>The names the Function App and its <c>host.json</c> agree on (one home; <c>local.settings.json.example</c>
/// documents the settings).</summary>
public static class FunctionAppSettings
{
    /// <summary>The storage connection of the host, the Durable task hub, the queue trigger, the scratchpad blobs and the
    /// intake's records: <c>AzureWebJobsStorage</c> (a connection string) or <c>AzureWebJobsStorage__accountName</c>
    /// (+ <c>__credential=managedidentity</c>, <c>__clientId</c>) for an identity-based connection.</summary>
    public const string StorageConnection = "AzureWebJobsStorage";

    /// <summary>The queue of task-assignment envelopes.</summary>
    public const string SubmissionsQueue = "nexus-submissions";

    /// <summary>Where a message that cannot be processed ends, with its reason (the Functions host's own poison-queue name).</summary>
    public const string PoisonQueue = SubmissionsQueue + "-poison";

    /// <summary>The blob container of the intake's and the API's durable records (message ids received, Idempotency-Keys).</summary>
    public const string RecordsContainer = "nexus-records";

    /// <summary>Deliveries of a queue message before it is parked: host.json's <c>extensions.queues.maxDequeueCount</c>.</summary>
    public const int MaxDequeueCount = 5;
}

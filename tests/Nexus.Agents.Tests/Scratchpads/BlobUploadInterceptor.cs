using Azure.Core;
using Azure.Core.Pipeline;

namespace Nexus.Agents.Tests.Scratchpads;

/// <summary>
/// A pipeline policy that runs a callback just before each blob upload leaves the client (after the store read the blob and
/// chose its ETag condition) and records the status each upload got: a way to make another writer win a race on demand.
/// </summary>
internal sealed class BlobUploadInterceptor(Func<int, Task> beforeUpload) : HttpPipelinePolicy
{
    private readonly List<int> _statuses = [];
    private int _uploads;

    /// <summary>The HTTP status of each upload, in order.</summary>
    public IReadOnlyList<int> Statuses
    {
        get
        {
            lock (_statuses)
            {
                return [.. _statuses];
            }
        }
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var isUpload = message.Request.Method == RequestMethod.Put && !message.Request.Uri.ToString().Contains("restype=container", StringComparison.Ordinal);
        if (isUpload)
        {
            await beforeUpload(Interlocked.Increment(ref _uploads));
        }

        await ProcessNextAsync(message, pipeline);
        if (isUpload)
        {
            lock (_statuses)
            {
                _statuses.Add(message.Response.Status);
            }
        }
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();
}

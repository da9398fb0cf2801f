using System.ClientModel.Primitives;

namespace Nexus.Agents.Backends.OpenAI;

/// <summary>Adds <c>api-version=&lt;version&gt;</c> to every request: what Azure OpenAI's deployment route requires and the OpenAI SDK never sends.</summary>
internal sealed class AzureApiVersionPolicy(string apiVersion) : PipelinePolicy
{
    public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        AddVersion(message);
        ProcessNext(message, pipeline, currentIndex);
    }

    public override ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        AddVersion(message);
        return ProcessNextAsync(message, pipeline, currentIndex);
    }

    private void AddVersion(PipelineMessage message)
    {
        var uri = message.Request.Uri!;
        var query = uri.Query.TrimStart('?');
        var builder = new UriBuilder(uri)
        {
            Query = (query.Length == 0 ? string.Empty : query + "&") + "api-version=" + Uri.EscapeDataString(apiVersion),
        };
        message.Request.Uri = builder.Uri;
    }
}

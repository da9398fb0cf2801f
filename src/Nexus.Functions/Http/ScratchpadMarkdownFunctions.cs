using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Nexus.Agents.Scratchpads;
using Nexus.Agents.Security;
using Nexus.Api;
using Nexus.Api.Errors;
using Nexus.Api.Handlers;
using Nexus.Functions.Hosting;

namespace Nexus.Functions.Http;

/// <summary>One scratchpad as the readable Markdown file it is stored as: the blob <see cref="BlobScratchpadStore"/> writes
/// (<c>scratchpads/{id}/{name}.md</c>), handed to the function by a blob input binding. A route of the Function App only:
/// <c>nexus serve</c> keeps its pads in files or the embedded store, and its JSON route (<see cref="ApiRoutes.Scratchpad"/>)
/// carries the same Markdown in its <c>markdown</c> field.</summary>
public sealed class ScratchpadMarkdownFunctions(ApiFunctionRunner runner, SecretRedactor redactor)
{
    /// <summary>GET: the pad's Markdown (<c>text/markdown</c>).</summary>
    public const string Route = ApiRoutes.Scratchpad + "/markdown";

    /// <summary>The blob the binding reads, in the layout of <see cref="BlobScratchpadStore.GetBlobName"/> under its default
    /// container (the one <see cref="FunctionAppServices"/> gives the store); <c>{id}</c> and <c>{name}</c> are the route's.</summary>
    public const string BlobPath = BlobScratchpadStoreOptions.DefaultContainerName + "/{id}/{name}.md";

    /// <summary>GET <see cref="Route"/>. The host reads the blob before the call; it is only answered after the API key, the
    /// pad name and the project are checked, as the JSON route checks them.</summary>
    [Function("GetScratchpadMarkdown")]
    public Task<IResult> GetScratchpadMarkdown(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest request,
        [BlobInput(BlobPath, Connection = FunctionAppSettings.StorageConnection)] string? markdown,
        [DurableClient] DurableTaskClient client, string id, string name) =>
        runner.RunAsync(request, client, async (_, api, ct) =>
        {
            // An invalid name is an ArgumentException: the runner answers it with a 400 problem.
            ScratchpadNames.Validate(name);
            var (_, problem) = await ProjectLookup.FindAsync(api.Projects, id, ct).ConfigureAwait(false);
            if (problem is not null)
            {
                return problem;
            }

            // The store masked secrets when it wrote the blob; masking again covers keys configured since.
            return markdown is null
                ? ProblemDetailsDefaults.NotFound($"Project '{id}' has no scratchpad '{name}' (yet).")
                : TypedResults.Text(redactor.Redact(markdown), "text/markdown; charset=utf-8");
        });
}

using Nexus.Durable.Client;
using Nexus.Durable.Storage;
using Nexus.Hosting;

namespace Nexus.Api.Handlers;

/// <summary>The paging token a list request continues from: the <c>x-ms-continuation-token</c> header (as Durable Functions
/// sends it) or the <c>continuationToken</c> query parameter.</summary>
internal static class PageToken
{
    /// <summary>The paging header, as Durable Functions names it.</summary>
    public const string Header = "x-ms-continuation-token";

    /// <summary>The token, or <see langword="null"/> for the first page.</summary>
    /// <remarks>NEXUS's store's tokens are checked here, so a malformed one is a 400 before any read. Another Durable Task
    /// client (the Function App on Azure Storage) has tokens of its own format: they pass through unchanged for it to read.</remarks>
    /// <exception cref="ArgumentException">A token of NEXUS's store is malformed.</exception>
    public static string? Read(HttpRequest request, ProjectClient projects)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(projects);
        var token = request.Headers[Header].ToString() is { Length: > 0 } header ? header : QueryValues.Text(request.Query, "continuationToken");
        if (projects.Durable is NexusDurableTaskClient)
        {
            ContinuationToken.Parse(token);
        }

        return token;
    }
}

using Nexus.Workflows.Hosting;
using Nexus.Hosting;

namespace Nexus.Api.Contract;

/// <summary>A host of the shared API under test: HTTP clients that reach its routes, and the project view over the same
/// store (for the waits and checks a client cannot make).</summary>
public interface IApiHost
{
    /// <summary>The project view over the host's store.</summary>
    ProjectClient Projects { get; }

    /// <summary>A client of the host's <c>/api</c> routes that sends <paramref name="key"/> (none when null).</summary>
    HttpClient CreateApiClient(string? key = ContractKeys.ApiKey);
}

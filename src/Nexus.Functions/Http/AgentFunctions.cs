using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Nexus.Api;
using Nexus.Api.Handlers;

namespace Nexus.Functions.Http;

/// <summary>The original <c>/api/agents</c> routes: HTTP functions over the shared handlers (<see cref="ApiRoutes"/>; the same handlers <c>nexus serve</c>
/// maps). Anonymous to the Functions host: the product's API key is checked by <see cref="ApiFunctionRunner"/>.</summary>
public sealed class AgentFunctions(ApiFunctionRunner runner)
{
    /// <summary>GET <see cref="ApiRoutes.AgentsStatus"/>.</summary>
    [Function("GetAgentsStatus")]
    public Task<IResult> GetAgentsStatus(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.AgentsStatus)] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        runner.RunAsync(request, client, (_, a, ct) => AgentsApi.StatusAsync(a, ct));

    /// <summary>POST <see cref="ApiRoutes.AgentMessage"/>.</summary>
    [Function("MessageAgent")]
    public Task<IResult> MessageAgent(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.AgentMessage)] HttpRequest request,
        [DurableClient] DurableTaskClient client, string agentId) =>
        runner.RunAsync(request, client, (h, a, ct) => AgentsApi.MessageAsync(h, a, agentId, ct));

    /// <summary>GET <see cref="ApiRoutes.AgentSession"/>.</summary>
    [Function("GetAgentSession")]
    public Task<IResult> GetAgentSession(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.AgentSession)] HttpRequest request,
        [DurableClient] DurableTaskClient client, string agentId) =>
        runner.RunAsync(request, client, (h, a, ct) => AgentsApi.SessionAsync(h, a, agentId, ct));
}

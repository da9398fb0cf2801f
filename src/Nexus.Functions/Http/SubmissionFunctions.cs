using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Nexus.Api;
using Nexus.Api.Handlers;

namespace Nexus.Functions.Http;

/// <summary><c>POST /api/queue</c>: a task-assignment envelope onto the <c>nexus-submissions</c> queue: HTTP functions over the shared handlers (<see cref="ApiRoutes"/>; the same handlers <c>nexus serve</c>
/// maps). Anonymous to the Functions host: the product's API key is checked by <see cref="ApiFunctionRunner"/>.</summary>
public sealed class SubmissionFunctions(ApiFunctionRunner runner)
{
    /// <summary>POST <see cref="ApiRoutes.Queue"/>.</summary>
    [Function("EnqueueSubmission")]
    public Task<IResult> EnqueueSubmission(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Queue)] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        runner.RunAsync(request, client, QueueApi.EnqueueAsync);
}

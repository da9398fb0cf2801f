using Nexus.Api.Intake;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Server.Queue;
using Nexus.Server.Tests.Support;
using Nexus.Workflows.Model;
using Shouldly;
using Xunit;
using static Nexus.Api.Contract.Support.QueueMessages;
using static Nexus.Server.Tests.Queue.SubmissionQueueTests;
using static Nexus.Api.Contract.Support.Api;

namespace Nexus.Server.Tests.Queue;

public sealed class SubmissionQueueRecoveryTests
{
    [Fact]
    public async Task Consume_ConsumerDiedAfterStartBeforeCompletion_CompletesWithoutASecondProject()
    {
        var data = NexusAppFactory.NewDataDirectory();
        var messageId = Guid.NewGuid().ToString();
        var projectId = Submission.DeriveProjectId(messageId);
        await using (var crashed = new NexusAppFactory(data, o => o.QueueConsumerEnabled = false))
        {
            using var client = crashed.CreateApiClient();
            await (await client.PostRawAsync("/api/queue", Envelope(messageId, "normal", Payload()))).ShouldBeAsync(HttpStatusCode.Accepted);

            // What a consumer does up to its death: lease (expiring at once), record the project, start it — and no completion.
            var queue = crashed.Services.GetRequiredService<ISubmissionQueue>();
            var leased = (await queue.TryDequeueAsync(TimeSpan.FromMilliseconds(1), Ct))!;
            (await queue.AssignProjectAsync(leased, projectId, Ct)).ShouldBeTrue();
            await crashed.Projects.StartAsync(new ProjectRequest { Description = "slugkit", Provider = "replay", ApprovePlan = true }, projectId, Ct);
        }

        var recovered = new NexusAppFactory(data);
        try
        {
            using var client = recovered.CreateApiClient();
            var record = await WaitForStateAsync(client, messageId, "completed");

            record.GetProperty("projectId").GetString().ShouldBe(projectId);
            record.GetProperty("attempts").GetInt32().ShouldBe(2);
            await recovered.Projects.WaitForPhaseAsync(projectId, ProjectPhases.Approval);
            (await recovered.Projects.GetHistoryAsync(projectId, Ct)).Count(e => e.Kind == Durable.History.EventKind.ExecutionStarted).ShouldBe(1);
        }
        finally
        {
            await recovered.DisposeAsync();
            recovered.DeleteData();
        }
    }
}

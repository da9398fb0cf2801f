using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Api.Contract.Support;
using Nexus.Api.Intake;
using Nexus.Durable.History;
using Nexus.Functions.Hosting;
using Nexus.Functions.Submissions;
using Nexus.Functions.Tests.Support;
using Shouldly;
using Xunit;
using static Nexus.Api.Contract.Support.Api;

namespace Nexus.Functions.Tests.Submissions;

/// <summary>The <c>nexus-submissions</c> queue on Azurite: <c>POST /api/queue</c> puts the envelope on the real queue, the
/// queue function (called with the message as the Functions host would hand it over) starts its project once however
/// often it is delivered, and a message it cannot process ends in <c>nexus-submissions-poison</c> with its reason.</summary>
public sealed class SubmissionTriggerTests(FunctionAppHost host)
{
    [Fact]
    public async Task PostQueue_ThenTheTrigger_StartsTheProject_AndARepeatedIdIsADuplicate()
    {
        using var client = host.CreateApiClient();
        var messageId = Guid.NewGuid().ToString();
        var envelope = QueueMessages.Envelope(messageId, "normal", QueueMessages.Payload());

        var first = await (await client.PostRawAsync("/api/queue", envelope)).ShouldBeAsync(HttpStatusCode.Accepted);
        var second = await (await client.PostRawAsync("/api/queue", envelope)).ShouldBeAsync(HttpStatusCode.OK);
        var delivered = await ReceiveAsync(FunctionAppSettings.SubmissionsQueue, messageId);
        await Trigger().ProcessSubmission(delivered, 1, host.Client, Ct);

        first.GetProperty("duplicate").GetBoolean().ShouldBeFalse();
        second.GetProperty("duplicate").GetBoolean().ShouldBeTrue();
        var projectId = Submission.DeriveProjectId(messageId);
        first.GetProperty("statusUri").GetString()!.ShouldEndWith($"/api/projects/{projectId}");
        delivered.ShouldBe(envelope, "the queue carries the envelope as plain text (host.json: messageEncoding none)");
        await host.Projects.WaitForPhaseAsync(projectId, Workflows.Model.ProjectPhases.Approval);
    }

    [Fact]
    public async Task SameMessageDeliveredThreeTimes_StartsOneProject_AndParksNothing()
    {
        var messageId = Guid.NewGuid().ToString();
        var projectId = NewId("q-dup");
        var envelope = QueueMessages.Envelope(messageId, "high", QueueMessages.Payload(projectId));

        // Twice at once (two instances of the app), then once more after the start (a redelivery).
        await Task.WhenAll(Trigger().ProcessSubmission(envelope, 1, host.Client, Ct), Trigger().ProcessSubmission(envelope, 1, host.Client, Ct));
        await host.Projects.WaitForPhaseAsync(projectId, Workflows.Model.ProjectPhases.Approval);
        await Trigger().ProcessSubmission(envelope, 2, host.Client, Ct);

        (await host.Projects.GetHistoryAsync(projectId, Ct)).Count(e => e.Kind == EventKind.ExecutionStarted).ShouldBe(1);
        (await PoisonAsync()).ShouldNotContain(p => p.MessageId == messageId);
    }

    [Fact]
    public async Task InvalidPayload_IsParkedInThePoisonQueueWithItsReason()
    {
        var messageId = Guid.NewGuid().ToString();
        var payload = QueueMessages.Payload();
        payload["max_iterations"] = 0;
        var envelope = QueueMessages.Envelope(messageId, "normal", payload);

        await Trigger().ProcessSubmission(envelope, 1, host.Client, Ct);
        await Trigger().ProcessSubmission("not an envelope", 1, host.Client, Ct);

        var poison = await PoisonAsync();
        var parked = poison.Single(p => p.MessageId == messageId);
        parked.Reason.ShouldStartWith("invalid payload: ");
        parked.Reason.ShouldContain("maxIterations");
        parked.Body.ShouldBe(envelope);
        poison.ShouldContain(p => p.MessageId == null && p.Body == "not an envelope" && p.Reason.StartsWith("invalid payload: ", StringComparison.Ordinal));
        (await host.Projects.GetAsync(Submission.DeriveProjectId(messageId), cancellationToken: Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task MessageNamingAnotherProjectsId_IsParked_AndThatProjectIsUntouched()
    {
        using var client = host.CreateApiClient();
        var existing = await client.StartAsync(Demo(NewId("taken")));
        var messageId = Guid.NewGuid().ToString();

        await Trigger().ProcessSubmission(QueueMessages.Envelope(messageId, "normal", QueueMessages.Payload(existing)), 1, host.Client, Ct);

        var parked = (await PoisonAsync()).Single(p => p.MessageId == messageId);
        parked.Reason.ShouldStartWith($"start refused: Project '{existing}' already exists");
        (await host.Projects.GetHistoryAsync(existing, Ct)).Count(e => e.Kind == EventKind.ExecutionStarted).ShouldBe(1);
    }

    private SubmissionTrigger Trigger() => ActivatorUtilities.CreateInstance<SubmissionTrigger>(host.Services);

    private async Task<string> ReceiveAsync(string queueName, string messageId)
    {
        var queue = host.Storage.Queues.GetQueueClient(queueName);
        for (var round = 0; round < 100; round++)
        {
            foreach (var message in (await queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30), Ct)).Value)
            {
                if (message.Body.ToString().Contains(messageId, StringComparison.Ordinal))
                {
                    await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, Ct);
                    return message.Body.ToString();
                }
            }
        }

        throw new InvalidOperationException($"Message {messageId} is not on {queueName}.");
    }

    private async Task<List<ParkedSubmission>> PoisonAsync()
    {
        var queue = host.Storage.Queues.GetQueueClient(FunctionAppSettings.PoisonQueue);
        var parked = new List<ParkedSubmission>();
        // The trigger creates the poison queue when it parks the first message: before that, nothing is parked.
        if (!await queue.ExistsAsync(Ct))
        {
            return parked;
        }

        foreach (var message in (await queue.PeekMessagesAsync(32, Ct)).Value)
        {
            parked.Add(JsonSerializer.Deserialize<ParkedSubmission>(message.Body.ToString(), ParkedSubmission.Json)!);
        }

        return parked;
    }
}

using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Grpc.Core;
using Microsoft.DurableTask.Client.Grpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
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

    [Fact]
    public async Task StartThatKeepsFailing_ThrowsForARetry_ThenAtTheLastDeliveryIsParkedWithItsReason()
    {
        var messageId = Guid.NewGuid().ToString();
        var envelope = QueueMessages.Envelope(messageId, "normal", QueueMessages.Payload());
        // The task hub cannot be reached: the Durable client is the SDK's gRPC client (the kind the Durable extension binds)
        // aimed at a loopback port nobody listens on, so every call fails as it would with the host's sidecar down.
        await using var unreachable = new GrpcDurableTaskClient("nexus", new GrpcDurableTaskClientOptions { Address = $"http://127.0.0.1:{ClosedPort()}" }, NullLogger.Instance);

        for (var delivery = 1; delivery < FunctionAppSettings.MaxDequeueCount; delivery++)
        {
            // Thrown: the Functions host makes the message visible again and delivers it once more.
            await Should.ThrowAsync<RpcException>(() => Trigger().ProcessSubmission(envelope, delivery, unreachable, Ct));
        }

        (await PoisonAsync()).ShouldNotContain(p => p.MessageId == messageId, "parked only when no delivery is left");
        await Trigger().ProcessSubmission(envelope, FunctionAppSettings.MaxDequeueCount, unreachable, Ct);

        var parked = (await PoisonAsync()).Single(p => p.MessageId == messageId);
        parked.Reason.ShouldStartWith($"failed {FunctionAppSettings.MaxDequeueCount} time(s); last error: ");
        parked.Reason.ShouldContain("Unavailable");
        parked.DequeueCount.ShouldBe(FunctionAppSettings.MaxDequeueCount);
        parked.Body.ShouldBe(envelope);
        (await host.Projects.GetAsync(Submission.DeriveProjectId(messageId), cancellationToken: Ct)).ShouldBeNull();
    }

    // A loopback port that was free a moment ago: connecting to it is refused.
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
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

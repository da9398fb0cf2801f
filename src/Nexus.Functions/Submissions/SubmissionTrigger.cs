using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Nexus.Agents.Messaging;
using Nexus.Api.Errors;
using Nexus.Api.Handlers;
using Nexus.Api.Intake;
using Nexus.Durable;
using Nexus.Durable.Client;
using Nexus.Functions.Hosting;
using Nexus.Workflows.Hosting;
using Nexus.Workflows.Model;
using Nexus.Hosting;

namespace Nexus.Functions.Submissions;

/// <summary>The queue trigger on <c>nexus-submissions</c>: the same task-assignment envelope as <c>POST /api/queue</c>
/// (<see cref="Submission"/>) becomes a project.</summary>
/// <remarks>
/// <list type="bullet">
/// <item>The project id is fixed by the message (payload <c>id</c>, else derived from the message id), so a message
/// delivered twice — the Storage queue delivers at least once — finds its project and starts nothing: an existing project
/// with the same request is this message's (a duplicate, completed quietly).</item>
/// <item>A message that cannot be processed is parked in <c>nexus-submissions-poison</c> as JSON with its reason: at once
/// when its payload is invalid or its project id belongs to another project; after the last delivery
/// (<see cref="FunctionAppSettings.MaxDequeueCount"/>) when its start keeps failing. Earlier failures throw, so the
/// Functions host makes the message visible again and retries it.</item>
/// </list>
/// </remarks>
public sealed partial class SubmissionTrigger(StorageClients storage, NexusOptions nexus, ILogger<SubmissionTrigger> logger)
{
    /// <summary>Starts the project of one queued envelope.</summary>
    /// <param name="body">The envelope (plain JSON text: host.json's <c>messageEncoding</c> is <c>none</c>).</param>
    /// <param name="dequeueCount">How many times the message has been delivered (binding data).</param>
    /// <param name="client">The Durable client.</param>
    /// <param name="cancellationToken">Cancelled when the host stops.</param>
    [Function("ProcessSubmission")]
    public async Task ProcessSubmission(
        [QueueTrigger(FunctionAppSettings.SubmissionsQueue, Connection = FunctionAppSettings.StorageConnection)] string body,
        long dequeueCount,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        Submission submission;
        try
        {
            submission = Submission.Parse(body);
        }
        catch (Exception e) when (e is MessageValidationException or ArgumentException)
        {
            await ParkAsync(body, MessageIdOf(body), $"invalid payload: {Describe(e)}", dequeueCount, cancellationToken).ConfigureAwait(false);
            return;
        }

        var projects = ProjectClient.Over(client, nexus);
        try
        {
            if (await ClaimedAsync(projects, submission, body, dequeueCount, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            try
            {
                await projects.StartAsync(submission.Request, submission.ProjectId, cancellationToken).ConfigureAwait(false);
            }
            catch (InstanceAlreadyExistsException)
            {
                // Another delivery of this message (or another message) started it between the look and the start.
                await ClaimedAsync(projects, submission, body, dequeueCount, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (ArgumentException e)
            {
                await ParkAsync(body, submission.MessageId, $"start refused: {Describe(e)}", dequeueCount, cancellationToken).ConfigureAwait(false);
                return;
            }

            LogStarted(submission.MessageId, submission.ProjectId);
        }
        catch (Exception e) when (e is not OperationCanceledException && dequeueCount >= FunctionAppSettings.MaxDequeueCount)
        {
            await ParkAsync(body, submission.MessageId, $"failed {dequeueCount} time(s); last error: {e.Message}", dequeueCount, cancellationToken).ConfigureAwait(false);
        }
    }

    // Whether the message's project id is taken: by this message's own project (a duplicate delivery: done) or by another
    // (parked: a message never replaces a project). False when the id is free.
    private async Task<bool> ClaimedAsync(ProjectClient projects, Submission submission, string body, long dequeueCount, CancellationToken cancellationToken)
    {
        var existing = await projects.Durable.GetInstanceAsync(submission.ProjectId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            return false;
        }

        if (existing.SerializedInput is not null && SameRequest(existing.ReadInputAs<ProjectRequest>(), Stored(projects, submission.Request)))
        {
            LogDuplicate(submission.MessageId, submission.ProjectId);
            return true;
        }

        var refused = ProjectConflict.ForApi(InstanceAlreadyExistsException.For(submission.ProjectId, RuntimeStatusMap.ToEngine(existing.RuntimeStatus)), submission.ProjectId);
        await ParkAsync(body, submission.MessageId, $"start refused: {refused.Message}", dequeueCount, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private static bool SameRequest(ProjectRequest? stored, ProjectRequest? wanted) =>
        stored is not null && wanted is not null && string.Equals(JsonSerializer.Serialize(stored), JsonSerializer.Serialize(wanted), StringComparison.Ordinal);

    // The request as a start stores it (gates, template), or null when it could not be started at all.
    private static ProjectRequest? Stored(ProjectClient projects, ProjectRequest request)
    {
        try
        {
            return projects.Prepare(request);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private async Task ParkAsync(string body, string? messageId, string reason, long dequeueCount, CancellationToken cancellationToken)
    {
        var poison = storage.Queues.GetQueueClient(FunctionAppSettings.PoisonQueue);
        await poison.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var parked = JsonSerializer.Serialize(new ParkedSubmission(messageId, reason, dequeueCount, body), ParkedSubmission.Json);
        await poison.SendMessageAsync(parked, cancellationToken).ConfigureAwait(false);
        LogParked(messageId ?? "(unreadable)", reason);
    }

    // The envelope's id when the envelope itself is valid (only its payload is not), for the parked message.
    private static string? MessageIdOf(string body)
    {
        try
        {
            return MessageJson.DeserializeAssignment(body).MessageId;
        }
        catch (MessageValidationException)
        {
            return null;
        }
    }

    private static string Describe(Exception e) => e is ArgumentException a ? ProblemDetailsDefaults.Describe(a) : e.Message;

    [LoggerMessage(EventId = 40, Level = LogLevel.Information, Message = "Queue: message {MessageId} started project {ProjectId}")]
    private partial void LogStarted(string messageId, string projectId);

    [LoggerMessage(EventId = 41, Level = LogLevel.Information, Message = "Queue: message {MessageId} was delivered again; its project {ProjectId} exists")]
    private partial void LogDuplicate(string messageId, string projectId);

    [LoggerMessage(EventId = 42, Level = LogLevel.Warning, Message = "Queue: message {MessageId} parked in nexus-submissions-poison: {Reason}")]
    private partial void LogParked(string messageId, string reason);
}

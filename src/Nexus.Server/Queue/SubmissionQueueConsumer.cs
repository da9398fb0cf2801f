using Microsoft.Extensions.Options;
using Nexus.Agents.Messaging;
using Nexus.Durable;
using Nexus.Durable.Client;
using Nexus.Api.Errors;
using Nexus.Api.Handlers;
using Nexus.Api.Intake;
using Nexus.Server.Hosting;

namespace Nexus.Server.Queue;

/// <summary>Starts queued projects in priority order. A message whose payload is invalid or whose start is refused (its
/// project id exists, in any state: a message never replaces a project) is parked with the reason; one that fails
/// otherwise is retried with back-off and parked after <see cref="NexusHostOptions.QueueMaxAttempts"/>.</summary>
/// <remarks>The project id is fixed before the start and recorded with the message (the payload's <c>id</c>, else one
/// derived from the message id), so a message processed twice — its consumer died between start and completion — finds
/// its project and never starts a second one.</remarks>
internal sealed partial class SubmissionQueueConsumer(
    ISubmissionQueue queue, NexusRuntimeService runtime, IOptions<NexusHostOptions> options, TimeProvider time, ILogger<SubmissionQueueConsumer> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.QueueConsumerEnabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var message = await queue.TryDequeueAsync(settings.QueueLease, stoppingToken).ConfigureAwait(false);
                if (message is null)
                {
                    await queue.WaitForMessagesAsync(settings.QueuePollInterval, stoppingToken).ConfigureAwait(false);
                    continue;
                }

                await ProcessAsync(message, settings, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogLoopFailed(e.GetType().Name, e);
                await Task.Delay(settings.QueuePollInterval, time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task ProcessAsync(QueuedSubmission message, NexusHostOptions settings, CancellationToken cancellationToken)
    {
        Submission submission;
        try
        {
            submission = Submission.Parse(message.Body);
        }
        catch (Exception e) when (e is MessageValidationException or ArgumentException)
        {
            await ParkAsync(message, $"invalid payload: {Describe(e)}", cancellationToken).ConfigureAwait(false);
            return;
        }

        var projects = runtime.Runtime.Projects;
        try
        {
            var projectId = message.ProjectId ?? submission.ProjectId;
            if (message.ProjectId is null)
            {
                // An id that exists before this message claims it is never its project (nor replaced by it): refused
                // here, before it is recorded, so a retry cannot take the existing project for one it started itself.
                if (await projects.Durable.GetInstanceAsync(projectId, cancellationToken).ConfigureAwait(false) is { } existing)
                {
                    await RefuseAsync(message, InstanceAlreadyExistsException.For(projectId, RuntimeStatusMap.ToEngine(existing.RuntimeStatus)), projectId, cancellationToken).ConfigureAwait(false);
                    return;
                }

                await queue.AssignProjectAsync(message, projectId, cancellationToken).ConfigureAwait(false);
            }
            else if (await projects.Durable.GetInstanceAsync(projectId, cancellationToken).ConfigureAwait(false) is not null)
            {
                // An earlier attempt started it; only the completion was lost.
                await queue.CompleteAsync(message, projectId, cancellationToken).ConfigureAwait(false);
                return;
            }

            try
            {
                await projects.StartAsync(submission.Request, projectId, cancellationToken).ConfigureAwait(false);
            }
            catch (InstanceAlreadyExistsException e)
            {
                await RefuseAsync(message, e, projectId, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (ArgumentException e)
            {
                await ParkAsync(message, $"start refused: {Describe(e)}", cancellationToken).ConfigureAwait(false);
                return;
            }

            await queue.CompleteAsync(message, projectId, cancellationToken).ConfigureAwait(false);
            LogStarted(message.MessageId, projectId, message.Priority);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            if (message.Attempts >= settings.QueueMaxAttempts)
            {
                await ParkAsync(message, $"failed {message.Attempts} time(s); last error: {e.Message}", cancellationToken).ConfigureAwait(false);
                return;
            }

            var delay = TimeSpan.FromSeconds(Math.Min(60, Math.Pow(2, message.Attempts)));
            await queue.ReleaseAsync(message, delay, e.Message, cancellationToken).ConfigureAwait(false);
            LogRetrying(message.MessageId, message.Attempts, e.GetType().Name);
        }
    }

    private Task RefuseAsync(QueuedSubmission message, InstanceAlreadyExistsException refused, string projectId, CancellationToken cancellationToken) =>
        ParkAsync(message, $"start refused: {ProjectConflict.ForApi(refused, projectId).Message}", cancellationToken);

    private async Task ParkAsync(QueuedSubmission message, string reason, CancellationToken cancellationToken)
    {
        await queue.ParkAsync(message, reason, cancellationToken).ConfigureAwait(false);
        LogParked(message.MessageId, reason);
    }

    private static string Describe(Exception e) => e switch
    {
        ArgumentException a => ProblemDetailsDefaults.Describe(a),
        _ => e.Message,
    };

    [LoggerMessage(EventId = 30, Level = LogLevel.Information, Message = "Queue: message {MessageId} (priority {Priority}) started project {ProjectId}")]
    private partial void LogStarted(string messageId, string projectId, int priority);

    [LoggerMessage(EventId = 31, Level = LogLevel.Warning, Message = "Queue: message {MessageId} parked: {Reason}")]
    private partial void LogParked(string messageId, string reason);

    [LoggerMessage(EventId = 32, Level = LogLevel.Warning, Message = "Queue: message {MessageId} failed (attempt {Attempt}, {ErrorType}); retrying later")]
    private partial void LogRetrying(string messageId, int attempt, string errorType);

    [LoggerMessage(EventId = 33, Level = LogLevel.Error, Message = "Queue: the consumer loop failed ({ErrorType}); it continues")]
    private partial void LogLoopFailed(string errorType, Exception exception);
}

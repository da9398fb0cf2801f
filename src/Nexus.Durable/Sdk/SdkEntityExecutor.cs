using Google.Protobuf;
using Microsoft.DurableTask.Entities;
using Microsoft.DurableTask.Worker.Grpc;
using Nexus.Durable.History;
using Nexus.Durable.Replay;
using Nexus.Durable.Storage;
using P = Microsoft.DurableTask.Protobuf;

namespace Nexus.Durable.Sdk;

/// <summary>Runs one locked entity's pending operations as a batch through the SDK's <see cref="GrpcEntityRunner"/>, and
/// builds the checkpoint: the new state, a response to every caller, the signals and orchestrations the entity started.</summary>
/// <remarks>The SDK runs the operations one at a time in order, each transactional (a failing one is rolled back alone);
/// the batch's state is stored as the entity instance's output (none = deleted). Which operations run is decided first by
/// the <see cref="EntityScheduler"/> (critical sections): its lock and deferred requests are stored as the instance's custom
/// status in the same checkpoint.</remarks>
internal static class SdkEntityExecutor
{
    public static async Task<OrchestrationCheckpoint> ExecuteAsync(
        OrchestrationWorkItem workItem, ITaskEntity entity, SdkRunners runners, DateTimeOffset now)
    {
        var instance = workItem.Instance;
        var scheduler = Admit(workItem, now);
        var operations = scheduler.Operations;
        if (operations.Count == 0)
        {
            return Checkpoint(workItem, scheduler, instance.Output, [.. scheduler.Messages], []);
        }

        var request = new P.EntityBatchRequest { InstanceId = instance.InstanceId, EntityState = instance.Output };
        foreach (var (e, index) in operations.Select((e, i) => (e, i)))
        {
            request.Operations.Add(new P.OperationRequest
            {
                Operation = e.Name ?? string.Empty,
                // The SDK's runner reads request ids as GUIDs; a message without one (a signal from an older sender) gets a stable one.
                RequestId = e.RequestId ?? DeterministicGuid.Create($"{instance.InstanceId}:{workItem.HistoryCount}:{index}").ToString(),
                Input = e.Data,
            });
        }

        var encoded = await GrpcEntityRunner.LoadAndRunAsync(Convert.ToBase64String(request.ToByteArray()), entity, runners).ConfigureAwait(false);
        var result = P.EntityBatchResult.Parser.ParseFrom(Convert.FromBase64String(encoded));
        if (result.FailureDetails is { } batchFailure)
        {
            // The batch as a whole could not run (not one operation's exception): keep the messages and retry, then park.
            throw new InvalidOperationException($"Entity '{instance.InstanceId}' could not run its operations: {batchFailure.ErrorType}: {batchFailure.ErrorMessage}");
        }

        var messages = new List<OrchestrationMessage>(scheduler.Messages);
        for (var i = 0; i < operations.Count && i < result.Results.Count; i++)
        {
            var e = operations[i];
            if (e.Kind != EventKind.EntityOperationCalled || e.InstanceId is null)
            {
                continue;
            }

            var outcome = result.Results[i];
            var failure = outcome.Failure is { } failed ? ProtocolFailures.FromProtocol(failed.FailureDetails) : null;
            var response = new HistoryEvent
            {
                Kind = failure is null ? EventKind.EntityOperationCompleted : EventKind.EntityOperationFailed,
                TaskId = e.TaskId,
                Timestamp = now,
                Name = e.Name,
                Data = outcome.Success?.Result,
                Failure = failure,
                InstanceId = instance.InstanceId,
                RequestId = e.RequestId,
            };
            messages.Add(new OrchestrationMessage(e.InstanceId, response, e.ExecutionId));
        }

        var started = new List<NewInstance>();
        foreach (var action in result.Actions)
        {
            if (action.SendSignal is { } signal)
            {
                var e = new HistoryEvent
                {
                    Kind = EventKind.EntityOperationSignaled, Timestamp = now, Name = signal.Name, Data = signal.Input, InstanceId = instance.InstanceId,
                    RequestId = Guid.NewGuid().ToString(),
                };
                messages.Add(new OrchestrationMessage(signal.InstanceId, e, VisibleAt: signal.ScheduledTime?.ToDateTimeOffset()));
            }
            else if (action.StartNewOrchestration is { } start)
            {
                InstanceIds.Validate(start.InstanceId);
                started.Add(new NewInstance
                {
                    InstanceId = start.InstanceId,
                    Name = start.Name,
                    ExecutionId = Guid.NewGuid().ToString("N"),
                    Input = start.Input,
                    CreatedTime = now,
                    StartAt = start.ScheduledTime?.ToDateTimeOffset(),
                });
            }
        }

        return Checkpoint(workItem, scheduler, result.EntityState, messages, started);
    }

    /// <summary>No entity of this name is registered: every call that may run is answered with <paramref name="unknown"/> (a
    /// signal has no one to tell), and the stored state, if any, is kept. Locks work as for any entity (DurableTask.Core
    /// locks without running entity code), so a critical section over it fails at its first call, not at its start.</summary>
    public static OrchestrationCheckpoint Refuse(OrchestrationWorkItem workItem, UnknownFunctionException unknown, DateTimeOffset now)
    {
        var failure = FailureDetails.FromException(unknown, includeStackTrace: false) with { IsNonRetriable = true };
        var scheduler = Admit(workItem, now);
        var messages = new List<OrchestrationMessage>(scheduler.Messages);
        foreach (var e in scheduler.Operations)
        {
            if (e is { Kind: EventKind.EntityOperationCalled, InstanceId: { } caller })
            {
                var response = new HistoryEvent
                {
                    Kind = EventKind.EntityOperationFailed,
                    TaskId = e.TaskId,
                    Timestamp = now,
                    Name = e.Name,
                    Failure = failure,
                    InstanceId = workItem.Instance.InstanceId,
                    RequestId = e.RequestId,
                };
                messages.Add(new OrchestrationMessage(caller, response, e.ExecutionId));
            }
        }

        return Checkpoint(workItem, scheduler, workItem.Instance.Output, messages, []);
    }

    private static EntityScheduler Admit(OrchestrationWorkItem workItem, DateTimeOffset now) =>
        EntityScheduler.Admit(
            workItem.Instance.InstanceId, EntitySchedulerState.Parse(workItem.Instance.CustomStatus), workItem.Messages.Select(m => m.Event), now);

    private static OrchestrationCheckpoint Checkpoint(
        OrchestrationWorkItem workItem, EntityScheduler scheduler, string? state, List<OrchestrationMessage> messages, List<NewInstance> started) =>
        new()
        {
            WorkItem = workItem,
            Update = new InstanceUpdate
            {
                RuntimeStatus = OrchestrationRuntimeStatus.Running,
                Output = state,
                ClearOutput = state is null,
                CustomStatus = scheduler.State.ToCustomStatus(workItem.Instance.CustomStatus),
            },
            Messages = messages,
            SubOrchestrations = started,
        };
}

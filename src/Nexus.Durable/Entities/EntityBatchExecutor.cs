using Nexus.Durable.History;
using Nexus.Durable.Registry;
using Nexus.Durable.Serialization;
using Nexus.Durable.Storage;

namespace Nexus.Durable.Entities;

/// <summary>Runs one locked entity's pending operations, one at a time and in order, and builds its checkpoint.</summary>
internal static class EntityBatchExecutor
{
    public static async Task<OrchestrationCheckpoint> ExecuteAsync(
        OrchestrationWorkItem workItem, DurableRegistry registry, DataConverter converter, DateTimeOffset now)
    {
        var instance = workItem.Instance;
        var id = EntityInstanceId.Parse(instance.InstanceId);
        var entity = registry.HasEntity(id.Name) ? registry.CreateEntity(id.Name) : null;
        var stateJson = instance.Output;
        var deleted = false;
        var messages = new List<OrchestrationMessage>();
        foreach (var message in workItem.Messages)
        {
            var e = message.Event;
            if (e.Kind is not (EventKind.EntityOperationSignaled or EventKind.EntityOperationCalled))
            {
                continue;
            }

            string? result = null;
            FailureDetails? failure = null;
            if (entity is null)
            {
                failure = new FailureDetails(typeof(UnknownFunctionException).FullName!, $"No entity named '{id.Name}' is registered.", IsNonRetriable: true);
            }
            else
            {
                var context = new EntityContext(id, e.Name ?? string.Empty);
                entity.CurrentContext = context;
                entity.UntypedState = stateJson is null ? entity.CreateInitialState() : converter.Deserialize(stateJson, entity.StateType);
                try
                {
                    result = await EntityOperationInvoker.InvokeAsync(entity, e.Name ?? string.Empty, e.Data, converter).ConfigureAwait(false);
                    deleted = context.StateDeleted;
                    stateJson = deleted ? null : converter.Serialize(entity.UntypedState);
                    foreach (var (target, operation, input) in context.Signals)
                    {
                        var signal = new HistoryEvent
                        {
                            Kind = EventKind.EntityOperationSignaled, Timestamp = now, Name = operation, Data = converter.Serialize(input), InstanceId = instance.InstanceId,
                        };
                        messages.Add(new OrchestrationMessage(target.ToString(), signal));
                    }
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // The operation's changes are dropped: the next operation starts from the last good state.
                    failure = FailureDetails.FromException(ex);
                }
                finally
                {
                    entity.CurrentContext = null;
                }
            }

            if (e.Kind == EventKind.EntityOperationCalled && e.InstanceId is not null)
            {
                var response = new HistoryEvent
                {
                    Kind = failure is null ? EventKind.EntityOperationCompleted : EventKind.EntityOperationFailed,
                    TaskId = e.TaskId,
                    Timestamp = now,
                    Name = e.Name,
                    Data = result,
                    Failure = failure,
                    InstanceId = instance.InstanceId,
                    RequestId = e.RequestId,
                };
                messages.Add(new OrchestrationMessage(e.InstanceId, response, e.ExecutionId));
            }
        }

        return new OrchestrationCheckpoint
        {
            WorkItem = workItem,
            Update = new InstanceUpdate
            {
                RuntimeStatus = OrchestrationRuntimeStatus.Running,
                Output = stateJson,
                ClearOutput = stateJson is null,
            },
            Messages = messages,
        };
    }
}

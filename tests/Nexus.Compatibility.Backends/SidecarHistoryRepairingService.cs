using DurableTask.Core;
using DurableTask.Core.History;

namespace Nexus.Compatibility.Backends;

/// <summary>
/// An <see cref="IOrchestrationService"/> that hands DurableTask.Core's own event types to the backend where
/// Microsoft's gRPC sidecar (<c>TaskHubGrpcServer</c>, Microsoft.DurableTask.InProcessTestHost 0.2.3-preview.1) hands
/// it others; every other member passes straight through.
/// </summary>
/// <remarks>
/// Two sidecar bugs break every sub-orchestration on Azure Storage (seen here, read in the public source):
/// <list type="number">
/// <item>The parent's history gets a <c>GrpcSubOrchestrationInstanceCreatedEvent</c>, a subclass without
/// <c>[DataContract]</c>: DurableTask.AzureStorage's table converter finds no members on it and writes an empty row
/// (no EventType), so the parent's next episode fails to load its history ("The TableEntity did not contain a
/// 'EventType' property"), forever. Still so in durabletask-dotnet's main branch (August 2026).</item>
/// <item>The child's start message carries the protobuf <c>MapField&lt;string, string&gt;</c> as its tags; Azure
/// Storage writes that type name into the message and cannot read it back (a poison message: the child never starts).
/// Fixed upstream after 0.2.3-preview.1 (durabletask-dotnet 3e37085d copies the tags into a dictionary).</item>
/// </list>
/// Both are repaired here, at the one call where the sidecar commits an episode, by replacing those objects with the
/// plain DurableTask.Core ones carrying the same values. The Functions host does not use this sidecar: its history has
/// DurableTask.Core's own events.
/// </remarks>
public sealed class SidecarHistoryRepairingService(IOrchestrationService inner) : IOrchestrationService
{
    public int TaskOrchestrationDispatcherCount => inner.TaskOrchestrationDispatcherCount;

    public int MaxConcurrentTaskOrchestrationWorkItems => inner.MaxConcurrentTaskOrchestrationWorkItems;

    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => inner.EventBehaviourForContinueAsNew;

    public int TaskActivityDispatcherCount => inner.TaskActivityDispatcherCount;

    public int MaxConcurrentTaskActivityWorkItems => inner.MaxConcurrentTaskActivityWorkItems;

    public Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState)
    {
        ArgumentNullException.ThrowIfNull(newOrchestrationRuntimeState);
        RepairEvents(newOrchestrationRuntimeState.Events);
        RepairEvents(newOrchestrationRuntimeState.NewEvents);
        foreach (TaskMessage message in orchestratorMessages ?? [])
        {
            if (message.Event is ExecutionStartedEvent started && IsForeignDictionary(started.Tags))
            {
                started.Tags = new Dictionary<string, string>(started.Tags, StringComparer.Ordinal);
            }
        }

        return inner.CompleteTaskOrchestrationWorkItemAsync(
            workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, timerMessages, continuedAsNewMessage, orchestrationState);
    }

    public Task StartAsync() => inner.StartAsync();

    public Task StopAsync() => inner.StopAsync();

    public Task StopAsync(bool isForced) => inner.StopAsync(isForced);

    public Task CreateAsync() => inner.CreateAsync();

    public Task CreateAsync(bool recreateInstanceStore) => inner.CreateAsync(recreateInstanceStore);

    public Task CreateIfNotExistsAsync() => inner.CreateIfNotExistsAsync();

    public Task DeleteAsync() => inner.DeleteAsync();

    public Task DeleteAsync(bool deleteInstanceStore) => inner.DeleteAsync(deleteInstanceStore);

    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) =>
        inner.IsMaxMessageCountExceeded(currentMessageCount, runtimeState);

    public int GetDelayInSecondsAfterOnProcessException(Exception exception) => inner.GetDelayInSecondsAfterOnProcessException(exception);

    public int GetDelayInSecondsAfterOnFetchException(Exception exception) => inner.GetDelayInSecondsAfterOnFetchException(exception);

    public Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        inner.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken);

    public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem) => inner.RenewTaskOrchestrationWorkItemLockAsync(workItem);

    public Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => inner.AbandonTaskOrchestrationWorkItemAsync(workItem);

    public Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => inner.ReleaseTaskOrchestrationWorkItemAsync(workItem);

    public Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        inner.LockNextTaskActivityWorkItem(receiveTimeout, cancellationToken);

    public Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem) => inner.RenewTaskActivityWorkItemLockAsync(workItem);

    public Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage) =>
        inner.CompleteTaskActivityWorkItemAsync(workItem, responseMessage);

    public Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem) => inner.AbandonTaskActivityWorkItemAsync(workItem);

    private static void RepairEvents(IList<HistoryEvent> events)
    {
        for (int i = 0; i < events.Count; i++)
        {
            if (events[i] is SubOrchestrationInstanceCreatedEvent created && created.GetType() != typeof(SubOrchestrationInstanceCreatedEvent))
            {
                events[i] = new SubOrchestrationInstanceCreatedEvent(created.EventId)
                {
                    Timestamp = created.Timestamp,
                    IsPlayed = created.IsPlayed,
                    Name = created.Name,
                    Version = created.Version,
                    InstanceId = created.InstanceId,
                    Input = created.Input,
                    ClientSpanId = created.ClientSpanId,
                    Tags = IsForeignDictionary(created.Tags) ? new Dictionary<string, string>(created.Tags, StringComparer.Ordinal) : created.Tags,
                };
            }
        }
    }

    private static bool IsForeignDictionary(IDictionary<string, string>? tags) => tags is not null and not Dictionary<string, string>;
}

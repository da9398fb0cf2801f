using Microsoft.DurableTask.Entities;

namespace Nexus.Functions.Tests.Support;

/// <summary>An entity function's operation handler (what its <c>TaskEntityDispatcher</c> runs) as an entity NEXUS's engine
/// hosts.</summary>
internal sealed class DispatchedEntity(Func<TaskEntityOperation, ValueTask<object?>> operate) : ITaskEntity
{
    public ValueTask<object?> RunAsync(TaskEntityOperation operation) => operate(operation);
}

using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;

namespace Nexus.Compatibility.Tests.Scenarios;

/// <summary>
/// Signals <see cref="CounterEntity"/> (key = input) twice, calls it once, calls a failing operation and catches it,
/// then reads the total: signals and calls from one sender run in order, one at a time, and a failed operation is
/// rolled back (1 + 2 + 3 = 6).
/// </summary>
public sealed class EntityCounterOrchestrator : TaskOrchestrator<string, EntityReport>
{
    public override async Task<EntityReport> RunAsync(TaskOrchestrationContext context, string input)
    {
        var id = new EntityInstanceId(nameof(CounterEntity), input);
        await context.Entities.SignalEntityAsync(id, nameof(CounterEntity.Add), 1);
        await context.Entities.SignalEntityAsync(id, nameof(CounterEntity.Add), 2);
        await context.Entities.CallEntityAsync(id, nameof(CounterEntity.Add), 3);
        string? type = null;
        string? message = null;
        try
        {
            await context.Entities.CallEntityAsync(id, nameof(CounterEntity.Fail));
        }
        catch (EntityOperationFailedException failure)
        {
            type = failure.FailureDetails.ErrorType;
            message = failure.FailureDetails.ErrorMessage;
        }

        return new EntityReport(await context.Entities.CallEntityAsync<int>(id, nameof(CounterEntity.Get)), type, message);
    }
}

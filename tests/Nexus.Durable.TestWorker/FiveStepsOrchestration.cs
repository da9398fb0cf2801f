using Microsoft.DurableTask;

namespace Nexus.Durable.TestWorker;

/// <summary>Calls <c>Step</c> with 1..5, one after the other, and returns the sum of the results (15).</summary>
internal sealed class FiveStepsOrchestration : TaskOrchestrator<object?, int>
{
    public const string Name = "FiveSteps";

    public override async Task<int> RunAsync(TaskOrchestrationContext context, object? input)
    {
        var sum = 0;
        for (var n = 1; n <= 5; n++)
        {
            sum += await context.CallActivityAsync<int>(StepActivity.Name, n);
        }

        return sum;
    }
}

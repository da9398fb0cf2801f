using Microsoft.DurableTask;

namespace Nexus.Compatibility.Tests.Scenarios;

/// <summary>Schedules <c>input</c> activities at once (the squares of 1..input) and returns the sum of their results.</summary>
public sealed class FanOutFanInOrchestrator : TaskOrchestrator<int, int>
{
    public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
    {
        var squares = new List<Task<int>>(input);
        for (int i = 1; i <= input; i++)
        {
            squares.Add(context.CallActivityAsync<int>(nameof(SquareActivity), i));
        }

        int[] results = await Task.WhenAll(squares);
        return results.Sum();
    }
}

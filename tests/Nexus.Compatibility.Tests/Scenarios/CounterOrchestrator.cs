using Microsoft.DurableTask;

namespace Nexus.Compatibility.Tests.Scenarios;

/// <summary>Continues as new with its input plus one until it reaches <see cref="Target"/>, then returns it.</summary>
public sealed class CounterOrchestrator : TaskOrchestrator<int, int>
{
    public const int Target = 3;

    public override Task<int> RunAsync(TaskOrchestrationContext context, int input)
    {
        if (input < Target)
        {
            context.ContinueAsNew(input + 1);
        }

        // Ignored by the SDK after ContinueAsNew: only the last generation's output is the instance's output.
        return Task.FromResult(input);
    }
}

using Microsoft.DurableTask;

namespace Nexus.Compatibility.Tests.Scenarios;

/// <summary>
/// Takes one <see cref="ItemEvent"/> per generation and continues as new — keeping the events it has not consumed yet —
/// until it holds <see cref="Count"/> items, then returns them joined with commas: events raised in quick succession
/// survive continue-as-new (<c>preserveUnprocessedEvents</c>), in order.
/// </summary>
public sealed class EventCollectorOrchestrator : TaskOrchestrator<string?, string>
{
    public const string ItemEvent = "Item";

    public const int Count = 3;

    public override async Task<string> RunAsync(TaskOrchestrationContext context, string? input)
    {
        string item = await context.WaitForExternalEvent<string>(ItemEvent);
        string collected = string.IsNullOrEmpty(input) ? item : input + "," + item;
        if (collected.Split(',').Length < Count)
        {
            context.ContinueAsNew(collected, preserveUnprocessedEvents: true);
        }

        return collected;
    }
}

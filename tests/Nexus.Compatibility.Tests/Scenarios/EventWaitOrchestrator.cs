using Microsoft.DurableTask;

namespace Nexus.Compatibility.Tests.Scenarios;

/// <summary>
/// Waits for the <see cref="ProceedEvent"/> — forever when none comes — and returns its payload behind
/// <see cref="OutputPrefix"/>. The suspend/resume and terminate scenarios.
/// </summary>
public sealed class EventWaitOrchestrator : TaskOrchestrator<string?, string>
{
    public const string ProceedEvent = "Proceed";

    public const string OutputPrefix = "proceeded: ";

    public override async Task<string> RunAsync(TaskOrchestrationContext context, string? input)
    {
        string payload = await context.WaitForExternalEvent<string>(ProceedEvent);
        return OutputPrefix + payload;
    }
}

using Microsoft.DurableTask;

namespace Nexus.Compatibility.Tests.Scenarios;

/// <summary>Sets a custom status twice (the last one stays), then waits for <see cref="DoneEvent"/> and returns its payload.</summary>
public sealed class CustomStatusOrchestrator : TaskOrchestrator<string?, string>
{
    public const string DoneEvent = "Done";

    /// <summary>The custom status the instance shows while it waits.</summary>
    public static readonly CustomStatus Waiting = new("waiting", 2);

    public override async Task<string> RunAsync(TaskOrchestrationContext context, string? input)
    {
        context.SetCustomStatus(new CustomStatus("starting", 1));
        context.SetCustomStatus(Waiting);
        return await context.WaitForExternalEvent<string>(DoneEvent);
    }

    /// <summary>The custom status value.</summary>
    public sealed record CustomStatus(string Phase, int Step);
}

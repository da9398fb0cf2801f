using Microsoft.DurableTask;

namespace Nexus.Compatibility.Tests.Scenarios;

/// <summary>Always throws <see cref="InvalidOperationException"/> with <see cref="Message"/>.</summary>
public sealed class FailingActivity : TaskActivity<string?, string>
{
    public const string Message = "boom";

    public override Task<string> RunAsync(TaskActivityContext context, string? input) =>
        throw new InvalidOperationException(Message);
}

using Microsoft.DurableTask;

namespace Nexus.Compatibility.Tests.Scenarios;

/// <summary>
/// A durable timer races an external event: "approved" when the <see cref="ApprovalEvent"/> arrives first (the timer
/// is then cancelled), "timed out" when the timer of <c>input</c> seconds fires first.
/// </summary>
public sealed class ApprovalOrchestrator : TaskOrchestrator<int, string>
{
    public const string ApprovalEvent = "Approval";

    public const string Approved = "approved";

    public const string TimedOut = "timed out";

    public override async Task<string> RunAsync(TaskOrchestrationContext context, int input)
    {
        using var timerCancellation = new CancellationTokenSource();
        Task timeout = context.CreateTimer(TimeSpan.FromSeconds(input), timerCancellation.Token);
        Task<string> approval = context.WaitForExternalEvent<string>(ApprovalEvent);
        if (await Task.WhenAny(approval, timeout) == approval)
        {
            timerCancellation.Cancel();
            return Approved;
        }

        return TimedOut;
    }
}

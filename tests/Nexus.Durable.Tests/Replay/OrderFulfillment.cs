using Microsoft.DurableTask;

namespace Nexus.Durable.Tests.Replay;

/// <summary>The orchestrator whose recorded histories live in Replay/Histories.</summary>
public sealed class OrderFulfillment : TaskOrchestrator<Order, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, Order input)
    {
        var reservation = await context.CallActivityAsync<string>("ReserveStock", input.Id);
        var receipt = await context.CallActivityAsync<string>("ChargeCard", input.Amount);
        var shipments = await Task.WhenAll(input.Items.Select(item => context.CallActivityAsync<string>("ShipItem", item)));
        context.SetCustomStatus("awaiting delivery");
        var delivered = await context.WaitForExternalEvent<string>("delivered", TimeSpan.FromDays(7));
        return $"{reservation}|{receipt}|{string.Join(",", shipments)}|{delivered}";
    }
}

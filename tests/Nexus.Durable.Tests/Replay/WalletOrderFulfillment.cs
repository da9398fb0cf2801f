using Microsoft.DurableTask;

namespace Nexus.Durable.Tests.Replay;

/// <summary>An earlier <see cref="OrderFulfillment"/> that charged a wallet instead of a card. Its history
/// (order-nondeterministic.json, recorded under the name <c>OrderFulfillment</c>) no longer matches today's code.</summary>
public sealed class WalletOrderFulfillment : TaskOrchestrator<Order, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, Order input)
    {
        var reservation = await context.CallActivityAsync<string>("ReserveStock", input.Id);
        var receipt = await context.CallActivityAsync<string>("ChargeWallet", input.Amount);
        var shipments = await Task.WhenAll(input.Items.Select(item => context.CallActivityAsync<string>("ShipItem", item)));
        context.SetCustomStatus("awaiting delivery");
        var delivered = await context.WaitForExternalEvent<string>("delivered", TimeSpan.FromDays(7));
        return $"{reservation}|{receipt}|{string.Join(",", shipments)}|{delivered}";
    }
}

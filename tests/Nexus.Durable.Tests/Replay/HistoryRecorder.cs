using System.Globalization;
using Microsoft.DurableTask;
using Nexus.Durable.History;
using Nexus.Durable.Registry;
using Nexus.Durable.Testing;
using Nexus.Durable.Tests.Support;

namespace Nexus.Durable.Tests.Replay;

/// <summary>Records the histories of Replay/Histories by running the orders on the engine (the SDK's runner) with a manual
/// clock, as a deployment would have recorded them.</summary>
internal static class HistoryRecorder
{
    public const string InstanceId = "order-17";

    public static readonly DateTimeOffset Start = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    public static readonly Order Order = new("o-17", 42.5m, ["book", "lamp", "mug"]);

    /// <summary>Runs the order with <typeparamref name="TOrchestrator"/> (registered as <c>OrderFulfillment</c>) until it waits
    /// for delivery, and returns that history; then, if <paramref name="delivered"/> is given, raises it and returns the
    /// completed history too.</summary>
    public static async Task<(IReadOnlyList<HistoryEvent> Waiting, IReadOnlyList<HistoryEvent>? Completed)> RecordAsync<TOrchestrator>(
        string? delivered, CancellationToken cancellationToken)
        where TOrchestrator : ITaskOrchestrator, new()
    {
        var clock = new ManualTimeProvider(Start);
        await using var host = await DurableTestHost.StartAsync(r => Register<TOrchestrator>(r), o => o.TimeProvider = clock, cancellationToken: cancellationToken);
        await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(OrderFulfillment), Order, new StartOrchestrationOptions(InstanceId), cancellationToken);
        var waiting = await HistoryProbe.WaitForCountAsync(host.Store, InstanceId, EventKind.TimerCreated, 1, cancellationToken);
        if (delivered is null)
        {
            return (waiting, null);
        }

        clock.Advance(TimeSpan.FromHours(30));
        await host.Client.RaiseEventAsync(InstanceId, "delivered", delivered, cancellationToken);
        await host.Client.WaitForInstanceCompletionAsync(InstanceId, cancellationToken);
        return (waiting, await host.Store.GetHistoryAsync(InstanceId, cancellationToken));
    }

    /// <summary>The order's activities (each says what it did) and <typeparamref name="TOrchestrator"/> as <c>OrderFulfillment</c>.</summary>
    public static DurableRegistry Register<TOrchestrator>(DurableRegistry registry)
        where TOrchestrator : ITaskOrchestrator, new() => registry
        .AddTaskOrchestrator(nameof(OrderFulfillment), static () => new TOrchestrator())
        .AddTaskActivityFunc<string, string>("ReserveStock", (_, id) => Task.FromResult("reserved:" + id))
        .AddTaskActivityFunc<decimal, string>("ChargeCard", (_, amount) => Task.FromResult("charged:" + amount.ToString(CultureInfo.InvariantCulture)))
        .AddTaskActivityFunc<decimal, string>("ChargeWallet", (_, amount) => Task.FromResult("debited:" + amount.ToString(CultureInfo.InvariantCulture)))
        .AddTaskActivityFunc<string, string>("ShipItem", (_, item) => Task.FromResult("shipped:" + item));
}

using Xunit;

namespace Nexus.Durable.Tests.Replay;

/// <summary>Writes Replay/Histories. Explicit: run it on purpose after changing the recorded orchestrations
/// (<c>dotnet test tests/Nexus.Durable.Tests -- --filter-class *HistoryRecorderTests --explicit only</c>), review the diff,
/// and commit the files — never to make a failing replay test pass.</summary>
public sealed class HistoryRecorderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Explicit = true)]
    public async Task Record_OrderFulfillment_WritesTheReplayHistories()
    {
        var (waiting, completed) = await HistoryRecorder.RecordAsync<OrderFulfillment>("at the door", Ct);
        var (walletWaiting, _) = await HistoryRecorder.RecordAsync<WalletOrderFulfillment>(null, Ct);

        HistoryFiles.Save("order-in-progress.json", waiting);
        HistoryFiles.Save("order-completed.json", completed!);
        HistoryFiles.Save("order-nondeterministic.json", walletWaiting);
    }
}

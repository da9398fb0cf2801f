using Nexus.Durable.History;
using Shouldly;
using Xunit;

namespace Nexus.Durable.Tests.Replay;

/// <summary>The committed histories of Replay/Histories are what the engine records today: the orders run again and their
/// histories must have the committed shape, so a replay test never passes against a history nobody could record any more.
/// After changing the recorded orchestrations on purpose, set <c>NEXUS_RECORD_HISTORIES=1</c> to rewrite the files, review
/// the diff and commit them — never to make a failing replay test pass.</summary>
public sealed class HistoryRecorderTests
{
    private const string RecordVariable = "NEXUS_RECORD_HISTORIES";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Record_OrderFulfillment_ReproducesTheCommittedHistories()
    {
        var (waiting, completed) = await HistoryRecorder.RecordAsync<OrderFulfillment>("at the door", Ct);
        var (walletWaiting, _) = await HistoryRecorder.RecordAsync<WalletOrderFulfillment>(null, Ct);
        var recorded = new Dictionary<string, IReadOnlyList<HistoryEvent>>
        {
            ["order-in-progress.json"] = waiting,
            ["order-completed.json"] = completed!,
            ["order-nondeterministic.json"] = walletWaiting,
        };

        foreach (var (file, history) in recorded)
        {
            if (Environment.GetEnvironmentVariable(RecordVariable) == "1")
            {
                HistoryFiles.Save(file, history);
                continue;
            }

            // What the orchestration decides comes in a fixed order; the fan-out's completions arrive in any order, and
            // completions that arrive together share an episode.
            var committed = HistoryFiles.Load(file);
            Decisions(history).ShouldBe(Decisions(committed), $"{file}: rerecord with {RecordVariable}=1 if the change is intended");
            Events(history).Order(StringComparer.Ordinal).ShouldBe(Events(committed).Order(StringComparer.Ordinal), $"{file}: the events");
        }
    }

    private static IEnumerable<HistoryEvent> WithoutEpisodes(IEnumerable<HistoryEvent> history) =>
        history.Where(e => e.Kind is not (EventKind.OrchestratorStarted or EventKind.OrchestratorCompleted));

    private static List<string> Events(IEnumerable<HistoryEvent> history) =>
        [.. WithoutEpisodes(history).Select(e => $"{EpisodeReplay.Shape([e])[0]}@{e.Timestamp:O}")];

    private static List<string> Decisions(IEnumerable<HistoryEvent> history) =>
        EpisodeReplay.Shape(WithoutEpisodes(history).Where(e => e.Kind is not EventKind.TaskCompleted));
}

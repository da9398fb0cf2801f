using System.CommandLine;
using Nexus.Cli.Output;
using Nexus.Cli.Setup;
using Nexus.Hosting;
using Nexus.Hosting.Memory;
using Nexus.Workflows.Memory;

namespace Nexus.Cli.Commands;

/// <summary><c>nexus memory search "TEXT" [--limit N] [--json]</c>: what finished projects learned (plans, Prime's
/// decisions, fixed tests, gate reports), most relevant first — the same memory Aria and Prime are given.</summary>
internal static class MemoryCommand
{
    public static Command Create()
    {
        var query = new Argument<string>("text") { Description = "What to search for (words; any of them may match)." };
        var limit = new Option<int>("--limit") { Description = "At most this many entries (1–50, default 10).", DefaultValueFactory = _ => 10, HelpName = "N" };
        var json = CliOptions.Json("Print one JSON object: {query, store, results: [{projectId, kind, title, text, created, score}]}.");
        var search = new Command("search", "Search the memory across projects: what finished projects learned, best first, each with its project id.")
        {
            query,
            limit,
            json,
        };
        CommandAction.Set(search, async (parseResult, cancellationToken) =>
        {
            var text = parseResult.GetValue(query);
            if (string.IsNullOrWhiteSpace(text))
            {
                throw new UsageException("memory search: give the text to search for (see 'nexus memory search --help')");
            }

            var max = parseResult.GetValue(limit);
            if (max is < 1 or > 50)
            {
                throw new UsageException("memory search: --limit must be 1–50");
            }

            var options = CliRuntime.Options(parseResult, runWorker: false);
            var memory = ProjectMemories.For(options);
            // A data directory whose projects never stored anything has no memory file: nothing to find, nothing created.
            var hits = options.ResolveStore() == NexusStoreKind.Sqlite && !File.Exists(options.MemoryDatabasePath)
                ? []
                : await memory.SearchAsync(text, max, cancellationToken: cancellationToken);
            if (memory is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }

            if (parseResult.GetValue(json))
            {
                await CliJson.WriteAsync(Console.Out, new
                {
                    query = text,
                    store = memory.Description,
                    results = hits.Select(h => new { h.Entry.ProjectId, h.Entry.Kind, h.Entry.Title, h.Entry.Text, h.Entry.Created, Score = Math.Round(h.Score, 6) }),
                });
                return ExitCodes.Success;
            }

            await WriteAsync(text, memory, hits);
            await Console.Out.FlushAsync(cancellationToken);
            return ExitCodes.Success;
        });
        return new Command("memory", "The memory across projects (what finished projects learned; Aria and Prime get the most relevant of it).") { search };
    }

    private static async Task WriteAsync(string text, IProjectMemory memory, IReadOnlyList<MemoryHit> hits)
    {
        await Console.Out.WriteLineAsync(hits.Count == 0
            ? $"nothing in the memory matches \"{TerminalText.EscapeLine(text)}\" ({TerminalText.EscapeLine(memory.Description)})"
            : $"{hits.Count} {(hits.Count == 1 ? "entry" : "entries")} for \"{TerminalText.EscapeLine(text)}\", best first ({TerminalText.EscapeLine(memory.Description)})");
        foreach (var hit in hits)
        {
            var entry = hit.Entry;
            await Console.Out.WriteLineAsync();
            await Console.Out.WriteLineAsync($"[{TerminalText.EscapeLine(entry.ProjectId)}] {entry.Kind}: {TerminalText.EscapeLine(entry.Title)}");
            await Console.Out.WriteLineAsync($"  {TerminalText.EscapeLine(MemoryText.Clip(entry.Text.ReplaceLineEndings(" "), 300))}");
        }
    }
}

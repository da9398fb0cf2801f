using System.CommandLine;
using Nexus.Cli.Output;
using Nexus.Cli.Setup;
using Nexus.Api.Contracts;
using Nexus.Cli.Projects;
using Nexus.Workflows.Memory;

namespace Nexus.Cli.Commands;

/// <summary><c>nexus memory search "TEXT" [--limit N] [--json]</c>: what finished projects learned (plans, Prime's
/// decisions, fixed tests, gate reports), most relevant first — the same memory Aria and Prime are given; with
/// <c>--server</c>, the host's memory (<c>GET /api/memory</c>).</summary>
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
        CliOptions.AddServer(search);
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

            await using var service = ProjectServices.Open(parseResult, runWorker: false);
            var found = await service.SearchMemoryAsync(text, max, cancellationToken);
            if (parseResult.GetValue(json))
            {
                await CliJson.WriteAsync(Console.Out, found);
                return ExitCodes.Success;
            }

            await WriteAsync(found);
            await Console.Out.FlushAsync(cancellationToken);
            return ExitCodes.Success;
        });
        return new Command("memory", "The memory across projects (what finished projects learned; Aria and Prime get the most relevant of it).") { search };
    }

    private static async Task WriteAsync(MemorySearchResponse found)
    {
        var (text, store, hits) = (found.Query, found.Store, found.Results);
        await Console.Out.WriteLineAsync(hits.Count == 0
            ? $"nothing in the memory matches \"{TerminalText.EscapeLine(text)}\" ({TerminalText.EscapeLine(store)})"
            : $"{hits.Count} {(hits.Count == 1 ? "entry" : "entries")} for \"{TerminalText.EscapeLine(text)}\", best first ({TerminalText.EscapeLine(store)})");
        foreach (var hit in hits)
        {
            await Console.Out.WriteLineAsync();
            await Console.Out.WriteLineAsync($"[{TerminalText.EscapeLine(hit.ProjectId)}] {hit.Kind}: {TerminalText.EscapeLine(hit.Title)}");
            await Console.Out.WriteLineAsync($"  {TerminalText.EscapeLine(MemoryText.Clip(hit.Text.ReplaceLineEndings(" "), 300))}");
        }
    }
}

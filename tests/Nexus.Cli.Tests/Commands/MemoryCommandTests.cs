using System.Text.Json;
using Nexus.Cli.Tests.Support;
using Nexus.Hosting.Memory;
using Nexus.Workflows.Memory;
using Shouldly;
using Xunit;

namespace Nexus.Cli.Tests.Commands;

/// <summary><c>nexus memory search</c> on the real program, over a memory file seeded as finished projects leave it.</summary>
public sealed class MemoryCommandTests : IDisposable
{
    private static readonly DateTimeOffset Created = new(2026, 12, 1, 9, 30, 0, TimeSpan.Zero);
    private readonly NexusCli _cli = new();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _cli.Dispose();
    }

    private async Task SeedAsync()
    {
        var memory = new SqliteProjectMemory(Path.Combine(_cli.DataDirectory, "memory.db"));
        await memory.RememberAsync("p-stack", [
            new MemoryEntry("p-stack", MemoryKinds.Fix, "Fixed test: pop on an empty stack throws", "Failed with: expected RangeError\nFixed by: a1b2c3d Code: implement", Created),
            new MemoryEntry("p-stack", MemoryKinds.Plan, "Plan: a stack", "Push and peek on an array.", Created),
        ], [], TestContext.Current.CancellationToken);
        await memory.RememberAsync("p-csv", [new MemoryEntry("p-csv", MemoryKinds.Plan, "Plan: a CSV parser", "Quotes and escapes.", Created)], [], TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Search_ListsTheBestEntriesFirstWithTheirProjectIds()
    {
        await SeedAsync();

        var result = await _cli.RunAsync("memory", "search", "pop empty stack");

        result.ExitCode.ShouldBe(0, result.ToString());
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines[0].ShouldStartWith("2 entries for \"pop empty stack\", best first (SQLite FTS5 (");
        lines[1].ShouldBe("[p-stack] fix: Fixed test: pop on an empty stack throws");
        lines[2].ShouldBe("Failed with: expected RangeError Fixed by: a1b2c3d Code: implement");
        lines[3].ShouldBe("[p-stack] plan: Plan: a stack");
        result.Stderr.ShouldBeEmpty();
    }

    [Fact]
    public async Task Search_Json_HasQueryStoreAndResults()
    {
        await SeedAsync();

        var result = await _cli.RunAsync("memory", "search", "csv parser", "--json", "--limit", "5");

        result.ExitCode.ShouldBe(0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        json.RootElement.GetProperty("query").GetString().ShouldBe("csv parser");
        json.RootElement.GetProperty("store").GetString()!.ShouldStartWith("SQLite FTS5");
        var hit = json.RootElement.GetProperty("results").EnumerateArray().ShouldHaveSingleItem();
        hit.GetProperty("projectId").GetString().ShouldBe("p-csv");
        hit.GetProperty("kind").GetString().ShouldBe("plan");
        hit.GetProperty("created").GetDateTimeOffset().ShouldBe(Created);
        hit.GetProperty("score").GetDouble().ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Search_NoMemoryYet_SaysNothingMatchesAndCreatesNothing()
    {
        var result = await _cli.RunAsync("memory", "search", "anything");

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Stdout.ShouldStartWith("nothing in the memory matches \"anything\"");
        File.Exists(Path.Combine(_cli.DataDirectory, "memory.db")).ShouldBeFalse();
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Search_EmptyText_ExitsWith2(string text)
    {
        var result = await _cli.RunAsync("memory", "search", text);

        result.ExitCode.ShouldBe(2, result.ToString());
        result.StderrLines.ShouldHaveSingleItem().ShouldBe("nexus: memory search: give the text to search for (see 'nexus memory search --help')");
        result.Stdout.ShouldBeEmpty();
    }

    [Fact]
    public async Task Search_WithoutText_ExitsWith2()
    {
        var result = await _cli.RunAsync("memory", "search");

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Stdout.ShouldBeEmpty();
    }
}

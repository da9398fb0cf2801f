using Microsoft.Data.Sqlite;
using Nexus.Hosting.Memory;
using Nexus.Workflows.Memory;
using Shouldly;
using Xunit;

namespace Nexus.Workflows.Tests.Memory;

/// <summary>The embedded memory: SQLite FTS5 in a file of its own.</summary>
public sealed class SqliteProjectMemoryTests : ProjectMemoryContract
{
    private readonly string _folder = Directory.CreateTempSubdirectory("nexus-memory-").FullName;

    protected override Task<IProjectMemory> CreateAsync() => Task.FromResult<IProjectMemory>(new SqliteProjectMemory(Path.Combine(_folder, "memory.db")));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task BundledSqlite_HasFts5()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync(Ct);
        await using var command = new SqliteCommand("SELECT sqlite_compileoption_used('ENABLE_FTS5')", connection);
        Convert.ToInt64(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture).ShouldBe(1);
    }

    [Fact]
    public async Task SecondInstanceOnTheSameFile_SeesWhatTheFirstStored()
    {
        await Memory.RememberAsync("p-1", [new MemoryEntry("p-1", MemoryKinds.Plan, "Plan", "A calculator with a parser.", DateTimeOffset.UnixEpoch)], [], Ct);

        var other = new SqliteProjectMemory(Path.Combine(_folder, "memory.db"));

        (await other.SearchAsync("parser", 5, cancellationToken: Ct)).ShouldHaveSingleItem().Entry.ProjectId.ShouldBe("p-1");
        other.Description.ShouldStartWith("SQLite FTS5");
    }
}

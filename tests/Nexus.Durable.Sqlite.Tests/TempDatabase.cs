using Nexus.Durable.Sqlite;

namespace Nexus.Durable.Sqlite.Tests;

/// <summary>A temporary directory holding one database file; deleted on dispose.</summary>
internal sealed class TempDatabase : IDisposable
{
    private readonly string _directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "nexus-sqlite-" + Guid.NewGuid().ToString("N"));

    public TempDatabase()
    {
        Directory.CreateDirectory(_directory);
        Path = System.IO.Path.Combine(_directory, "nexus.db");
    }

    public string Path { get; }

    public SqliteStoreOptions Options(TimeProvider clock) => new() { DatabasePath = Path, TimeProvider = clock };

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a file still open by a leaked connection must not fail the test
        }
    }
}

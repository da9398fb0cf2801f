using Nexus.Durable.Sqlite;
using Nexus.Durable.Storage;

namespace Nexus.Durable.Tests.Support;

/// <summary>A SQLite store on a fresh file in a temporary directory, deleted afterwards.</summary>
internal sealed class TempDatabase : IAsyncDisposable
{
    public TempDatabase()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("nexus-durable-").FullName;
        Path = System.IO.Path.Combine(Directory, "nexus.db");
    }

    public string Directory { get; }

    public string Path { get; }

    public async Task<IDurableStore> OpenAsync(TimeProvider? clock = null)
    {
        var store = new SqliteDurableStore(new SqliteStoreOptions { DatabasePath = Path, TimeProvider = clock ?? TimeProvider.System });
        await store.InitializeAsync();
        return store;
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }

        return ValueTask.CompletedTask;
    }
}

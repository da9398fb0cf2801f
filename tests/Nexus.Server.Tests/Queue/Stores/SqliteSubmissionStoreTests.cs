using Nexus.Server.Queue;
using Nexus.Workflows.Hosting;
using Nexus.Hosting;

namespace Nexus.Server.Tests.Queue.Stores;

/// <summary>The submission queue contract on the embedded SQLite file.</summary>
public sealed class SqliteSubmissionStoreTests : SubmissionStoreContractTests
{
    private readonly string _data = Directory.CreateTempSubdirectory("nexus-queue-").FullName;

    private protected override ValueTask<ISubmissionQueue> OpenAsync() =>
        ValueTask.FromResult<ISubmissionQueue>(Own(new SqliteSubmissionStore(new NexusOptions { DataDirectory = _data, TimeProvider = Clock })));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }
}

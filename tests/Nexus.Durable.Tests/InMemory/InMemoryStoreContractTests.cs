using Nexus.Durable.InMemory;
using Nexus.Durable.Storage;
using Nexus.Durable.StoreContract;
using Nexus.Durable.Testing;

namespace Nexus.Durable.Tests.InMemory;

public sealed class InMemoryStoreContractTests : DurableStoreContractTests
{
    protected override ValueTask<IDurableStore> CreateStoreAsync(ManualTimeProvider clock) =>
        ValueTask.FromResult<IDurableStore>(new InMemoryDurableStore(new InMemoryStoreOptions { TimeProvider = clock }));
}

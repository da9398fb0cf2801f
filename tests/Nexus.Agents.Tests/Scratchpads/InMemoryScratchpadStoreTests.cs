using Nexus.Agents.Scratchpads;

namespace Nexus.Agents.Tests.Scratchpads;

public sealed class InMemoryScratchpadStoreTests : ScratchpadStoreContractTests
{
    protected override IScratchpadStore Store { get; } = new InMemoryScratchpadStore(Redactor);
}

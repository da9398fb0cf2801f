using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Client.Entities;
using Microsoft.DurableTask.Entities;
using Nexus.Compatibility.Backends;
using Nexus.Compatibility.Tests.Scenarios;
using Nexus.Compatibility.Tests.Support;
using Shouldly;
using Xunit;

namespace Nexus.Compatibility.Tests;

/// <summary>Entities, on the backends that run them (the SDK's documented semantics; no Microsoft reference here).</summary>
public abstract partial class CompatibilityTests<TBackend>
{
    /// <summary>Whether the backend runs entities. True unless a backend's test class says otherwise, with its reason.</summary>
    protected virtual bool SupportsEntities => true;

    [Fact]
    public async Task Entities_SignalsCallAndFailedOperation_InOrderAndRolledBack()
    {
        Assert.SkipUnless(SupportsEntities, "This backend runs no entities.");
        string key = Guid.NewGuid().ToString("N");
        string id = await StartAsync(nameof(EntityCounterOrchestrator), key);

        OrchestrationMetadata instance = await Client.WaitForCompletionAsync(id, Cancellation);
        EntityMetadata<int>? entity = await Client.Entities.GetEntityAsync<int>(new EntityInstanceId(nameof(CounterEntity), key), Cancellation);

        ScenarioOutcome.Of(instance).ShouldBe(ScenarioOutcome.Completed(
            new EntityReport(6, typeof(InvalidOperationException).FullName, CounterEntity.FailMessage)));
        entity.ShouldNotBeNull();
        entity.State.ShouldBe(6);
    }
}

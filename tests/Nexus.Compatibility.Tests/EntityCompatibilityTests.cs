using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Client.Entities;
using Microsoft.DurableTask.Entities;
using Nexus.Compatibility.Backends;
using Nexus.Compatibility.Tests.Scenarios;
using Nexus.Compatibility.Tests.Support;
using Shouldly;
using Xunit;

namespace Nexus.Compatibility.Tests;

/// <summary>Every scenario of <see cref="CompatibilityTests{TBackend}"/> plus entities, for the backends that run them (the
/// SDK's documented semantics; Microsoft's sidecar, <c>TaskHubGrpcServer</c>, implements no entity RPCs, so there is no
/// Microsoft reference here and its test class derives from <see cref="CompatibilityTests{TBackend}"/> only).</summary>
public abstract class EntityCompatibilityTests<TBackend>(CompatibilityBackendFixture<TBackend> fixture) : CompatibilityTests<TBackend>(fixture)
    where TBackend : class, ICompatibilityBackend<TBackend>
{
    [Fact]
    public async Task Entities_SignalsCallAndFailedOperation_InOrderAndRolledBack()
    {
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

using Nexus.Durable;
using Nexus.Workflows.Tests.Support;
using Shouldly;
using Xunit;

namespace Nexus.Workflows.Tests.Orchestration;

public sealed class ConcurrencyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwentyProjectsAtOnce_AllComplete_AndThePerBackendTurnAndTestRunLimitsHold()
    {
        await using var nexus = await WorkflowFixture.StartAsync(o => o.MaxAgentTurnsPerBackend = 3, Ct);
        var request = WorkflowFixture.Scenario("demo") with { ReplayDelay = TimeSpan.FromMilliseconds(100) };

        var ids = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            ids.Add(await nexus.Projects.StartAsync(request, $"many-{i:00}", Ct));
        }

        foreach (var id in ids)
        {
            var done = await nexus.Projects.WaitAsync(id, Ct);
            done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, $"{id}: {done.Failure?.Message}");
            done.Report!.Tests.Succeeded.ShouldBeTrue();
        }

        nexus.Runtime.TurnGate.PeakOf("replay").ShouldBe(3);
        nexus.Runtime.TurnGate.PeakOf("tests").ShouldBeLessThanOrEqualTo(3);
    }
}

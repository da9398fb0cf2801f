using Nexus.Agents.Processes;
using Shouldly;
using Xunit;

namespace Nexus.Agents.Tests.Processes;

/// <summary>What two runs of one piece of work used together (a retried turn, a restarted session).</summary>
public sealed class ProcessResourcesTests
{
    [Fact]
    public void Combine_TwoMeasuredRuns_AddsCpuAndSamplesAndKeepsTheLargerPeak()
    {
        var combined = ProcessResources.Combine(new ProcessResources(1.5, 300L << 20, 4), new ProcessResources(0.25, 200L << 20, 2));

        combined.ShouldBe(new ProcessResources(1.75, 300L << 20, 6));
    }

    [Fact]
    public void Combine_OneNotMeasured_IsTheMeasuredOne_AndNeitherIsNull()
    {
        var measured = new ProcessResources(1, 1 << 20, 1);

        ProcessResources.Combine(null, measured).ShouldBe(measured);
        ProcessResources.Combine(measured, null).ShouldBe(measured);
        ProcessResources.Combine(null, null).ShouldBeNull();
    }
}

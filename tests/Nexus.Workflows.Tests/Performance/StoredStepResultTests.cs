using Nexus.Durable.Serialization;
using Nexus.Workflows.Activities;
using Shouldly;
using Xunit;

namespace Nexus.Workflows.Tests.Performance;

/// <summary>Histories recorded before agent turns were measured still read: the figures are absent, not zero.</summary>
public sealed class StoredStepResultTests
{
    [Fact]
    public void AgentStepResult_RecordedBeforeTurnsWereMeasured_ReadsWithoutFigures()
    {
        const string recorded = """
            {"succeeded":true,"text":"Implemented.","sessionId":"s-1","backend":"claude","model":"sonnet","inputTokens":10,
             "outputTokens":5,"costUsd":0.01,"durationSeconds":4.2,"commit":"abc","changedFiles":["a.js"],"alerts":[]}
            """;

        var result = (AgentStepResult)JsonDataConverter.Default.Deserialize(recorded, typeof(AgentStepResult))!;

        result.DurationSeconds.ShouldBe(4.2);
        result.CpuSeconds.ShouldBeNull();
        result.PeakMemoryMb.ShouldBeNull();
    }

    [Fact]
    public void AgentStepResult_Measured_RoundTripsItsFigures()
    {
        var measured = new AgentStepResult { Succeeded = true, CpuSeconds = 1.45, PeakMemoryMb = 192.2 };

        var json = JsonDataConverter.Default.Serialize(measured)!;
        var read = (AgentStepResult)JsonDataConverter.Default.Deserialize(json, typeof(AgentStepResult))!;

        json.ShouldContain("\"cpuSeconds\":1.45");
        json.ShouldContain("\"peakMemoryMb\":192.2");
        read.CpuSeconds.ShouldBe(1.45);
        read.PeakMemoryMb.ShouldBe(192.2);
    }
}

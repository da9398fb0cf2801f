using Nexus.Durable.Client;
using Nexus.Durable.Testing;
using Shouldly;
using Xunit;

namespace Nexus.Durable.Tests.Client;

/// <summary>The worker and the client serialize with one converter: the engine's JSON rules on both sides.</summary>
public sealed class DataConverterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DurableTestHost_ClientAndWorker_ShareTheEnginesJsonRules()
    {
        await using var host = await DurableTestHost.StartAsync(
            r => r
                .AddTaskOrchestratorFunc<DayOfWeek, DayOfWeek>("NextDay", (_, day) => Task.FromResult((DayOfWeek)(((int)day + 1) % 7)))
                .AddTaskOrchestratorFunc<int, int?>("Nothing", (_, x) => Task.FromResult<int?>(x == 0 ? null : x)),
            cancellationToken: Ct);

        var day = await host.Client.ScheduleNewOrchestrationInstanceAsync("NextDay", DayOfWeek.Friday, Ct);
        var nothing = await host.Client.ScheduleNewOrchestrationInstanceAsync("Nothing", Ct);
        var nextDay = await host.Client.WaitForInstanceCompletionAsync(day, getInputsAndOutputs: true, Ct);
        var none = await host.Client.WaitForInstanceCompletionAsync(nothing, getInputsAndOutputs: true, Ct);

        nextDay.DataConverter.ShouldBeSameAs(NexusDurableTaskClient.DefaultDataConverter);
        nextDay.SerializedInput.ShouldBe("\"Friday\"", "enums are strings, written by the client");
        nextDay.SerializedOutput.ShouldBe("\"Saturday\"", "and read and written the same way by the orchestration");
        nextDay.ReadOutputAs<DayOfWeek>().ShouldBe(DayOfWeek.Saturday);
        none.SerializedInput.ShouldBeNull();
        none.SerializedOutput.ShouldBeNull("no input reads as the value type's default, 0, in the worker");
        none.ReadOutputAs<int>().ShouldBe(0, "and no output as the default in the client");
    }
}

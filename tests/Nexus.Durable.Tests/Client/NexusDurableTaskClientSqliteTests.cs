using DurableTask.Core.Exceptions;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Entities;
using Nexus.Durable.Testing;
using Nexus.Durable.Tests.Entities;
using Nexus.Durable.Tests.Support;
using Shouldly;
using Xunit;
using SdkStatus = Microsoft.DurableTask.Client.OrchestrationRuntimeStatus;
using StartOrchestrationOptions = Microsoft.DurableTask.StartOrchestrationOptions;

namespace Nexus.Durable.Tests.Client;

/// <summary>The SDK client on the SQLite store (the embedded production backend), with today's engine running the instances.</summary>
public sealed class NexusDurableTaskClientSqliteTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_OnSqlite_CompletesWithOutputAndPayloadsOnlyWhenAsked()
    {
        await using var db = new TempDatabase();
        await using var h = await SdkClientHost.StartAsync(await db.OpenAsync());

        var id = await h.Client.ScheduleNewOrchestrationInstanceAsync("Greet", new Greeting("sql", 2), new StartOrchestrationOptions("s-1"), Ct);
        var done = await h.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Ct);
        var bare = await h.Client.GetInstanceAsync(id, Ct);

        done.RuntimeStatus.ShouldBe(SdkStatus.Completed);
        done.ReadOutputAs<GreetingReply>().ShouldBe(new GreetingReply("SQL!", 4));
        done.ReadInputAs<Greeting>().ShouldBe(new Greeting("sql", 2));
        bare!.SerializedOutput.ShouldBeNull();
        bare.RuntimeStatus.ShouldBe(SdkStatus.Completed);
    }

    [Fact]
    public async Task RaiseEventTerminateAndFailure_OnSqlite_ReachTheirFinalStatuses()
    {
        await using var db = new TempDatabase();
        await using var h = await SdkClientHost.StartAsync(await db.OpenAsync());
        await h.Client.ScheduleNewOrchestrationInstanceAsync("Waiter", "", new StartOrchestrationOptions("evented"), Ct);
        await h.Client.ScheduleNewOrchestrationInstanceAsync("Waiter", "", new StartOrchestrationOptions("stopped"), Ct);
        await h.Client.ScheduleNewOrchestrationInstanceAsync("Fail", "sql says no", new StartOrchestrationOptions("failed"), Ct);
        await h.Client.WaitForInstanceStartAsync("evented", Ct);
        await h.Client.WaitForInstanceStartAsync("stopped", Ct);

        await h.Client.RaiseEventAsync("evented", "go", "ok", Ct);
        await h.Client.TerminateInstanceAsync("stopped", "enough", Ct);

        (await h.Client.WaitForInstanceCompletionAsync("evented", true, Ct)).ReadOutputAs<string>().ShouldBe("ok");
        var stopped = await h.Client.WaitForInstanceCompletionAsync("stopped", true, Ct);
        stopped.RuntimeStatus.ShouldBe(SdkStatus.Terminated);
        stopped.ReadOutputAs<string>().ShouldBe("enough");
        var failed = await h.Client.WaitForInstanceCompletionAsync("failed", Ct);
        failed.RuntimeStatus.ShouldBe(SdkStatus.Failed);
        failed.FailureDetails!.ErrorMessage.ShouldBe("sql says no");
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_OnSqliteActiveIdOrBadInput_RefusedAndNothingChanges()
    {
        await using var db = new TempDatabase();
        await using var h = await SdkClientHost.StartAsync(await db.OpenAsync());
        await h.Client.ScheduleNewOrchestrationInstanceAsync("Waiter", "", new StartOrchestrationOptions("taken"), Ct);
        await h.Client.WaitForInstanceStartAsync("taken", Ct);

        await Should.ThrowAsync<OrchestrationAlreadyExistsException>(
            () => h.Client.ScheduleNewOrchestrationInstanceAsync("Greet", new Greeting("x", 1), new StartOrchestrationOptions("taken"), Ct));
        await Should.ThrowAsync<ArgumentException>(
            () => h.Client.ScheduleNewOrchestrationInstanceAsync("Greet", Cycle.Create(), new StartOrchestrationOptions("bad"), Ct));

        (await h.Client.GetInstanceAsync("taken", Ct))!.Name.ShouldBe("Waiter");
        (await h.Client.GetInstanceAsync("bad", Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task QueryRestartAndPurge_OnSqlite_PageWithTokensRestartAndDeleteFinished()
    {
        await using var db = new TempDatabase();
        await using var h = await SdkClientHost.StartAsync(await db.OpenAsync());
        for (var i = 0; i < 3; i++)
        {
            await h.Client.ScheduleNewOrchestrationInstanceAsync("Greet", new Greeting($"n{i}", i), new StartOrchestrationOptions($"q-{i}"), Ct);
            await h.Client.WaitForInstanceCompletionAsync($"q-{i}", Ct);
        }

        await h.Client.ScheduleNewOrchestrationInstanceAsync("Waiter", "", new StartOrchestrationOptions("w"), Ct);

        var pages = await NexusDurableTaskClientTests.CollectAsync(
            h.Client.GetAllInstancesAsync(new OrchestrationQuery(InstanceIdPrefix: "q-", PageSize: 2, FetchInputsAndOutputs: true)).AsPages());
        pages.Select(p => p.Values.Count).ShouldBe([2, 1]);
        pages.SelectMany(p => p.Values).Select(m => m.ReadInputAs<Greeting>()!.Name).ShouldBe(["n0", "n1", "n2"]);

        var restarted = await h.Client.RestartAsync("q-1", restartWithNewInstanceId: true, Ct);
        (await h.Client.WaitForInstanceCompletionAsync(restarted, true, Ct)).ReadOutputAs<GreetingReply>().ShouldBe(new GreetingReply("N1!", 2));

        (await h.Client.PurgeInstanceAsync("q-0", Ct)).PurgedInstanceCount.ShouldBe(1);
        (await h.Client.PurgeAllInstancesAsync(new PurgeInstancesFilter(Statuses: [SdkStatus.Completed]), Ct)).PurgedInstanceCount.ShouldBe(3);
        var left = await NexusDurableTaskClientTests.CollectAsync(h.Client.GetAllInstancesAsync());
        left.Select(m => m.InstanceId).ShouldBe(["w"]);
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_OnSqliteStartAtInFuture_PendingUntilTheClockGetsThere()
    {
        var clock = new ManualTimeProvider();
        await using var db = new TempDatabase();
        await using var h = await SdkClientHost.StartAsync(await db.OpenAsync(clock), clock);

        await h.Client.ScheduleNewOrchestrationInstanceAsync(
            "Greet", new Greeting("later", 1), new StartOrchestrationOptions("later", clock.GetUtcNow().AddMinutes(30)), Ct);
        await h.Client.ScheduleNewOrchestrationInstanceAsync("Greet", new Greeting("now", 1), new StartOrchestrationOptions("now"), Ct);
        await h.Client.WaitForInstanceCompletionAsync("now", Ct);

        (await h.Client.GetInstanceAsync("later", Ct))!.RuntimeStatus.ShouldBe(SdkStatus.Pending);
        clock.Advance(TimeSpan.FromMinutes(30));
        (await h.Client.WaitForInstanceCompletionAsync("later", true, Ct)).ReadOutputAs<GreetingReply>()!.Text.ShouldBe("LATER!");
    }

    [Fact]
    public async Task Entities_OnSqlite_SignalGetAndQuery()
    {
        await using var db = new TempDatabase();
        await using var h = await SdkClientHost.StartAsync(await db.OpenAsync());
        var counter = new EntityInstanceId("Counter", "sql");

        for (var i = 1; i <= 3; i++)
        {
            await h.Client.Entities.SignalEntityAsync(counter, "Add", i * 10, cancellation: Ct);
        }

        await StoreWait.UntilAsync(
            h.Store,
            "@counter@sql",
            r => r?.Output is { } json && Nexus.Durable.Client.NexusDurableTaskClient.DefaultDataConverter.Deserialize<CounterState>(json)!.Log.Count == 3,
            "three operations applied",
            Ct);
        var entity = await h.Client.Entities.GetEntityAsync<CounterState>(counter, cancellation: Ct);
        var listed = await NexusDurableTaskClientTests.CollectAsync(
            h.Client.Entities.GetAllEntitiesAsync(new Microsoft.DurableTask.Client.Entities.EntityQuery { InstanceIdStartsWith = "counter@" }));

        entity!.State.Log.ShouldBe([10, 20, 30]);
        entity.State.Value.ShouldBe(60);
        listed.Single().Id.ShouldBe(new EntityInstanceId("counter", "sql"));
        listed.Single().State.ReadAs<CounterState>()!.Value.ShouldBe(60);
    }
}

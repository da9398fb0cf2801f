using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Nexus.Durable.Client;
using Nexus.Durable.History;
using Shouldly;
using Xunit;
using SdkStatus = Microsoft.DurableTask.Client.OrchestrationRuntimeStatus;
using StartOrchestrationOptions = Microsoft.DurableTask.StartOrchestrationOptions;

namespace Nexus.Durable.Tests.Client;

public sealed class NexusDurableTaskClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_WaitForCompletion_CompletedWithOutput()
    {
        await using var h = await SdkClientHost.StartAsync();

        var id = await h.Client.ScheduleNewOrchestrationInstanceAsync("Greet", new Greeting("ada", 3), new StartOrchestrationOptions("greet-1"), Ct);
        var done = await h.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Ct);

        id.ShouldBe("greet-1");
        done.Name.ShouldBe("Greet");
        done.InstanceId.ShouldBe("greet-1");
        done.RuntimeStatus.ShouldBe(SdkStatus.Completed);
        done.ReadOutputAs<GreetingReply>().ShouldBe(new GreetingReply("ADA!", 6));
        done.ReadInputAs<Greeting>().ShouldBe(new Greeting("ada", 3));
        done.ReadCustomStatusAs<string>().ShouldBe("greeted");
        done.FailureDetails.ShouldBeNull();
        done.LastUpdatedAt.ShouldBeGreaterThan(done.CreatedAt);
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_NoInstanceId_GeneratesOne()
    {
        await using var h = await SdkClientHost.StartAsync();

        var id = await h.Client.ScheduleNewOrchestrationInstanceAsync("Greet", new Greeting("x", 1), Ct);
        var started = await h.Client.WaitForInstanceStartAsync(id, Ct);

        id.Length.ShouldBe(32);
        started.RuntimeStatus.ShouldNotBe(SdkStatus.Pending);
    }

    [Fact]
    public async Task GetInstancesAsync_InputsAndOutputsNotAsked_LeavesThemOut()
    {
        await using var h = await SdkClientHost.StartAsync();
        var id = await h.Client.ScheduleNewOrchestrationInstanceAsync("Greet", new Greeting("bo", 1), Ct);
        await h.Client.WaitForInstanceCompletionAsync(id, Ct);

        var bare = await h.Client.GetInstanceAsync(id, getInputsAndOutputs: false, Ct);
        var full = await h.Client.GetInstanceAsync(id, getInputsAndOutputs: true, Ct);

        bare!.RuntimeStatus.ShouldBe(SdkStatus.Completed);
        bare.SerializedInput.ShouldBeNull();
        bare.SerializedOutput.ShouldBeNull();
        bare.SerializedCustomStatus.ShouldBeNull();
        full!.SerializedInput.ShouldBe("""{"name":"bo","times":1}""");
        full.SerializedOutput.ShouldBe("""{"text":"BO!","count":2}""");
        full.SerializedCustomStatus.ShouldBe("\"greeted\"");
        full.DataConverter.ShouldBeSameAs(NexusDurableTaskClient.DefaultDataConverter);
    }

    [Fact]
    public async Task GetInstancesAsync_MissingIdOrEntityId_ReturnsNull()
    {
        await using var h = await SdkClientHost.StartAsync();
        await h.Client.Entities.SignalEntityAsync(new("Counter", "k"), "Add", 1, cancellation: Ct);
        await StoreWait.UntilAsync(h.Store, "@counter@k", r => r?.Output is not null, "the counter has state", Ct);

        (await h.Client.GetInstanceAsync("nobody", Ct)).ShouldBeNull();
        (await h.Client.GetInstanceAsync("@counter@k", Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task WaitForInstanceCompletionAsync_OrchestrationThrows_FailedWithFailureDetails()
    {
        await using var h = await SdkClientHost.StartAsync();

        var direct = await h.Client.ScheduleNewOrchestrationInstanceAsync("Fail", "no luck", Ct);
        var viaActivity = await h.Client.ScheduleNewOrchestrationInstanceAsync("FailInActivity", "fuse", Ct);
        var failed = await h.Client.WaitForInstanceCompletionAsync(direct, Ct);
        var failedInActivity = await h.Client.WaitForInstanceCompletionAsync(viaActivity, Ct);

        failed.RuntimeStatus.ShouldBe(SdkStatus.Failed);
        failed.FailureDetails!.ErrorType.ShouldBe(typeof(InvalidOperationException).FullName);
        failed.FailureDetails.ErrorMessage.ShouldBe("no luck");
        failed.FailureDetails.StackTrace.ShouldNotBeNullOrEmpty();
        failed.FailureDetails.IsCausedBy<InvalidOperationException>().ShouldBeTrue();
        failedInActivity.RuntimeStatus.ShouldBe(SdkStatus.Failed);
        failedInActivity.FailureDetails!.ErrorType.ShouldBe(typeof(Microsoft.DurableTask.TaskFailedException).FullName);
        failedInActivity.FailureDetails.InnerFailure!.ErrorType.ShouldBe(typeof(InvalidOperationException).FullName);
        failedInActivity.FailureDetails.InnerFailure.ErrorMessage.ShouldBe("kaboom: fuse");
    }

    [Fact]
    public async Task RaiseEventAsync_WaitingOrchestration_CompletesWithPayload()
    {
        await using var h = await SdkClientHost.StartAsync();
        var id = await h.Client.ScheduleNewOrchestrationInstanceAsync("Waiter", "", Ct);
        (await h.Client.WaitForInstanceStartAsync(id, Ct)).RuntimeStatus.ShouldBe(SdkStatus.Running);

        await h.Client.RaiseEventAsync(id, "go", "went", Ct);
        var done = await h.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Ct);

        done.RuntimeStatus.ShouldBe(SdkStatus.Completed);
        done.ReadOutputAs<string>().ShouldBe("went");
    }

    [Fact]
    public async Task RaiseEventAsync_MissingOrFinishedInstance_DiscardedSilently()
    {
        await using var h = await SdkClientHost.StartAsync();
        var id = await h.Client.ScheduleNewOrchestrationInstanceAsync("Greet", new Greeting("z", 1), Ct);
        await h.Client.WaitForInstanceCompletionAsync(id, Ct);

        await h.Client.RaiseEventAsync("nobody", "go", "x", Ct);
        await h.Client.RaiseEventAsync(id, "go", "x", Ct);

        (await h.Client.GetInstanceAsync("nobody", Ct)).ShouldBeNull();
        (await h.Store.GetHistoryAsync(id, Ct)).ShouldNotContain(e => e.Kind == EventKind.EventRaised);
        (await h.Store.GetDiagnosticsAsync(id, Ct)).PendingMessages.ShouldBe(0);
    }

    [Fact]
    public async Task RaiseEventAsync_UnserializablePayloadOrEntityId_ThrowsArgumentException()
    {
        await using var h = await SdkClientHost.StartAsync();
        var id = await h.Client.ScheduleNewOrchestrationInstanceAsync("Waiter", "", Ct);
        await h.Client.WaitForInstanceStartAsync(id, Ct);

        await Should.ThrowAsync<ArgumentException>(() => h.Client.RaiseEventAsync(id, "go", Cycle.Create(), Ct));
        await Should.ThrowAsync<ArgumentException>(() => h.Client.RaiseEventAsync("@counter@k", "go", "x", Ct));

        (await h.Store.GetDiagnosticsAsync(id, Ct)).PendingMessages.ShouldBe(0);
        (await h.Store.GetInstanceAsync("@counter@k", Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task TerminateInstanceAsync_RunningInstance_TerminatedWithOutput()
    {
        await using var h = await SdkClientHost.StartAsync();
        var id = await h.Client.ScheduleNewOrchestrationInstanceAsync("Waiter", "", Ct);
        await h.Client.WaitForInstanceStartAsync(id, Ct);

        await h.Client.TerminateInstanceAsync(id, new GreetingReply("stopped", 0), Ct);
        var done = await h.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Ct);

        done.RuntimeStatus.ShouldBe(SdkStatus.Terminated);
        done.ReadOutputAs<GreetingReply>().ShouldBe(new GreetingReply("stopped", 0));
    }

    [Fact]
    public async Task TerminateInstanceAsync_NoOutput_TerminatedWithNullOutput()
    {
        await using var h = await SdkClientHost.StartAsync();
        var id = await h.Client.ScheduleNewOrchestrationInstanceAsync("Waiter", "", Ct);
        await h.Client.WaitForInstanceStartAsync(id, Ct);

        await h.Client.TerminateInstanceAsync(id, Ct);
        var done = await h.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Ct);

        done.RuntimeStatus.ShouldBe(SdkStatus.Terminated);
        done.ReadOutputAs<string>().ShouldBeNull();
    }

    [Fact]
    public async Task TerminateInstanceAsync_Recursive_TerminatesTheSubOrchestrationToo()
    {
        await using var h = await SdkClientHost.StartAsync();
        var id = await h.Client.ScheduleNewOrchestrationInstanceAsync("WaitViaChild", "", new StartOrchestrationOptions("parent"), Ct);
        var created = await StoreWait.UntilHistoryAsync(
            h.Store, id, events => events.Any(e => e.Kind == EventKind.SubOrchestrationInstanceCreated), "the child is created", Ct);
        var childId = created.Single(e => e.Kind == EventKind.SubOrchestrationInstanceCreated).InstanceId!;
        await h.Client.WaitForInstanceStartAsync(childId, Ct);

        await h.Client.TerminateInstanceAsync(id, new TerminateInstanceOptions("all done", Recursive: true), Ct);

        (await h.Client.WaitForInstanceCompletionAsync(childId, true, Ct)).RuntimeStatus.ShouldBe(SdkStatus.Terminated);
        var parent = await h.Client.WaitForInstanceCompletionAsync(id, true, Ct);
        parent.RuntimeStatus.ShouldBe(SdkStatus.Terminated);
        parent.ReadOutputAs<string>().ShouldBe("all done");
    }

    [Fact]
    public async Task SuspendInstanceAsync_ThenResume_EventWaitsUntilResumed()
    {
        await using var h = await SdkClientHost.StartAsync();
        var id = await h.Client.ScheduleNewOrchestrationInstanceAsync("Waiter", "", Ct);
        await h.Client.WaitForInstanceStartAsync(id, Ct);

        await h.Client.SuspendInstanceAsync(id, "maintenance", Ct);
        await StoreWait.UntilAsync(h.Store, id, r => r?.RuntimeStatus == OrchestrationRuntimeStatus.Suspended, "suspended", Ct);
        await h.Client.RaiseEventAsync(id, "go", "went", Ct);
        await StoreWait.UntilHistoryAsync(h.Store, id, events => events.Any(e => e.Kind == EventKind.EventRaised), "the event is recorded", Ct);
        (await h.Client.GetInstanceAsync(id, Ct))!.RuntimeStatus.ShouldBe(SdkStatus.Suspended);

        await h.Client.ResumeInstanceAsync(id, "done", Ct);
        var done = await h.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Ct);

        done.RuntimeStatus.ShouldBe(SdkStatus.Completed);
        done.ReadOutputAs<string>().ShouldBe("went");
    }

    [Fact]
    public async Task WaitForInstanceCompletionAsync_MissingInstance_ThrowsInvalidOperation()
    {
        await using var h = await SdkClientHost.StartAsync();

        await Should.ThrowAsync<InvalidOperationException>(() => h.Client.WaitForInstanceCompletionAsync("nobody", Ct));
        await Should.ThrowAsync<InvalidOperationException>(() => h.Client.WaitForInstanceStartAsync("nobody", Ct));
    }

    [Fact]
    public async Task WaitForInstanceCompletionAsync_Cancelled_ThrowsOperationCanceled()
    {
        await using var h = await SdkClientHost.StartAsync();
        var id = await h.Client.ScheduleNewOrchestrationInstanceAsync("Waiter", "", Ct);
        await h.Client.WaitForInstanceStartAsync(id, Ct);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var wait = h.Client.WaitForInstanceCompletionAsync(id, cancel.Token);
        await cancel.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => wait);
        (await h.Client.GetInstanceAsync(id, Ct))!.RuntimeStatus.ShouldBe(SdkStatus.Running);
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_IdOfActiveInstance_ThrowsAlreadyExistsAndKeepsIt()
    {
        await using var h = await SdkClientHost.StartAsync();
        await h.Client.ScheduleNewOrchestrationInstanceAsync("Waiter", "", new StartOrchestrationOptions("busy"), Ct);
        await h.Client.WaitForInstanceStartAsync("busy", Ct);
        var before = await h.Store.GetInstanceAsync("busy", Ct);

        await Should.ThrowAsync<OrchestrationAlreadyExistsException>(
            () => h.Client.ScheduleNewOrchestrationInstanceAsync("Greet", new Greeting("x", 1), new StartOrchestrationOptions("busy"), Ct));

        var after = await h.Store.GetInstanceAsync("busy", Ct);
        after!.Name.ShouldBe("Waiter");
        after.ExecutionId.ShouldBe(before!.ExecutionId);
        after.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Running);
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_IdOfFinishedInstance_ReplacedUnlessDedupeRefusesIt()
    {
        await using var h = await SdkClientHost.StartAsync();
        await h.Client.ScheduleNewOrchestrationInstanceAsync("Greet", new Greeting("a", 1), new StartOrchestrationOptions("again"), Ct);
        await h.Client.WaitForInstanceCompletionAsync("again", Ct);

        await Should.ThrowAsync<OrchestrationAlreadyExistsException>(() => h.Client.ScheduleNewOrchestrationInstanceAsync(
            "Greet", new Greeting("b", 1), new StartOrchestrationOptions("again") { DedupeStatuses = ["Completed"] }, Ct));
        await Should.ThrowAsync<OrchestrationAlreadyExistsException>(() => h.Client.ScheduleNewOrchestrationInstanceAsync(
            "Greet",
            new Greeting("b", 1),
            StartOrchestrationOptionsExtensions.WithDedupeStatuses(new StartOrchestrationOptions("again"), [.. StartOrchestrationOptionsExtensions.ValidDedupeStatuses]),
            Ct));
        (await h.Client.GetInstanceAsync("again", true, Ct))!.ReadOutputAs<GreetingReply>()!.Text.ShouldBe("A!");

        await h.Client.ScheduleNewOrchestrationInstanceAsync(
            "Greet", new Greeting("c", 1), new StartOrchestrationOptions("again") { DedupeStatuses = ["Failed"] }, Ct);
        (await h.Client.WaitForInstanceCompletionAsync("again", true, Ct)).ReadOutputAs<GreetingReply>()!.Text.ShouldBe("C!");
        await h.Client.ScheduleNewOrchestrationInstanceAsync("Greet", new Greeting("d", 1), new StartOrchestrationOptions("again"), Ct);
        (await h.Client.WaitForInstanceCompletionAsync("again", true, Ct)).ReadOutputAs<GreetingReply>()!.Text.ShouldBe("D!");
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_EmptyDedupeStatusesOverActiveInstance_TerminatesAndReplacesIt()
    {
        await using var h = await SdkClientHost.StartAsync();
        await h.Client.ScheduleNewOrchestrationInstanceAsync("Waiter", "", new StartOrchestrationOptions("swap"), Ct);
        await h.Client.WaitForInstanceStartAsync("swap", Ct);

        await h.Client.ScheduleNewOrchestrationInstanceAsync(
            "Greet", new Greeting("new", 2), new StartOrchestrationOptions("swap") { DedupeStatuses = [] }, Ct);
        var done = await h.Client.WaitForInstanceCompletionAsync("swap", true, Ct);

        done.Name.ShouldBe("Greet");
        done.RuntimeStatus.ShouldBe(SdkStatus.Completed);
        done.ReadOutputAs<GreetingReply>().ShouldBe(new GreetingReply("NEW!", 4));
    }

    [Theory]
    [InlineData("Bogus")]
    [InlineData("ContinuedAsNew")]
    [InlineData("1")]
    [InlineData("-")]
    [InlineData("Running, Completed")]
    [InlineData("Terminated")]
    public async Task ScheduleNewOrchestrationInstanceAsync_InvalidDedupeStatuses_ThrowsArgumentAndCreatesNothing(string status)
    {
        await using var h = await SdkClientHost.StartAsync();

        await Should.ThrowAsync<ArgumentException>(() => h.Client.ScheduleNewOrchestrationInstanceAsync(
            "Greet", new Greeting("x", 1), new StartOrchestrationOptions("d") { DedupeStatuses = [status] }, Ct));

        (await h.Store.GetInstanceAsync("d", Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_UnserializableInput_ThrowsArgumentAndCreatesNothing()
    {
        await using var h = await SdkClientHost.StartAsync();

        var error = await Should.ThrowAsync<ArgumentException>(
            () => h.Client.ScheduleNewOrchestrationInstanceAsync("Greet", Cycle.Create(), new StartOrchestrationOptions("bad"), Ct));

        error.Message.ShouldContain("input of orchestration 'Greet'");
        (await h.Store.GetInstanceAsync("bad", Ct)).ShouldBeNull();
        (await h.Store.QueryInstancesAsync(new() { IncludeEntities = true }, Ct)).Instances.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("@counter@k")]
    [InlineData("a/b")]
    [InlineData("")]
    public async Task ScheduleNewOrchestrationInstanceAsync_InvalidInstanceId_ThrowsArgument(string id)
    {
        await using var h = await SdkClientHost.StartAsync();

        await Should.ThrowAsync<ArgumentException>(
            () => h.Client.ScheduleNewOrchestrationInstanceAsync("Greet", new Greeting("x", 1), new StartOrchestrationOptions(id), Ct));

        (await h.Store.QueryInstancesAsync(new() { IncludeEntities = true }, Ct)).Instances.ShouldBeEmpty();
    }

    [Fact]
    public async Task RestartAsync_SameIdAfterCompletion_RunsAgainWithOriginalInput()
    {
        await using var h = await SdkClientHost.StartAsync();
        await h.Client.ScheduleNewOrchestrationInstanceAsync("Greet", new Greeting("re", 5), new StartOrchestrationOptions("restart-me"), Ct);
        await h.Client.WaitForInstanceCompletionAsync("restart-me", Ct);
        var firstExecution = (await h.Store.GetInstanceAsync("restart-me", Ct))!.ExecutionId;

        var id = await h.Client.RestartAsync("restart-me", cancellation: Ct);
        var done = await h.Client.WaitForInstanceCompletionAsync(id, true, Ct);

        id.ShouldBe("restart-me");
        (await h.Store.GetInstanceAsync(id, Ct))!.ExecutionId.ShouldNotBe(firstExecution);
        done.ReadInputAs<Greeting>().ShouldBe(new Greeting("re", 5));
        done.ReadOutputAs<GreetingReply>().ShouldBe(new GreetingReply("RE!", 10));
    }

    [Fact]
    public async Task RestartAsync_NewIdWhileActive_StartsACopyAndLeavesTheOriginal()
    {
        await using var h = await SdkClientHost.StartAsync();
        await h.Client.ScheduleNewOrchestrationInstanceAsync("Waiter", "in", new StartOrchestrationOptions("original"), Ct);
        await h.Client.WaitForInstanceStartAsync("original", Ct);

        await Should.ThrowAsync<InvalidOperationException>(() => h.Client.RestartAsync("original", false, Ct));
        await Should.ThrowAsync<ArgumentException>(() => h.Client.RestartAsync("nobody", true, Ct));
        var copy = await h.Client.RestartAsync("original", restartWithNewInstanceId: true, Ct);
        var started = await h.Client.WaitForInstanceStartAsync(copy, true, Ct);

        copy.ShouldNotBe("original");
        started.Name.ShouldBe("Waiter");
        started.ReadInputAs<string>().ShouldBe("in");
        (await h.Client.GetInstanceAsync("original", Ct))!.RuntimeStatus.ShouldBe(SdkStatus.Running);
    }

    [Fact]
    public async Task GetAllInstancesAsync_FiltersAndPages_ContinuationTokenCrossesPages()
    {
        var clock = new Nexus.Durable.Testing.ManualTimeProvider();
        await using var h = await SdkClientHost.StartAsync(clock: clock);
        var created = new List<DateTimeOffset>();
        for (var i = 0; i < 5; i++)
        {
            created.Add(clock.GetUtcNow());
            await h.Client.ScheduleNewOrchestrationInstanceAsync("Greet", new Greeting($"n{i}", i), new StartOrchestrationOptions($"q-{i}"), Ct);
            await h.Client.WaitForInstanceCompletionAsync($"q-{i}", Ct);
            clock.Advance(TimeSpan.FromMinutes(1));
        }

        await h.Client.ScheduleNewOrchestrationInstanceAsync("Waiter", "", new StartOrchestrationOptions("w-1"), Ct);
        await h.Client.WaitForInstanceStartAsync("w-1", Ct);

        var pages = await CollectAsync(h.Client.GetAllInstancesAsync(new OrchestrationQuery(InstanceIdPrefix: "q-", PageSize: 2)).AsPages());
        pages.Select(p => p.Values.Count).ShouldBe([2, 2, 1]);
        pages.SelectMany(p => p.Values).Select(m => m.InstanceId).ShouldBe(["q-0", "q-1", "q-2", "q-3", "q-4"]);
        pages[0].ContinuationToken.ShouldNotBeNull();
        pages[^1].ContinuationToken.ShouldBeNull();
        pages.SelectMany(p => p.Values).ShouldAllBe(m => m.SerializedInput == null && m.RuntimeStatus == SdkStatus.Completed);

        var resumed = await CollectAsync(h.Client.GetAllInstancesAsync(
            new OrchestrationQuery(InstanceIdPrefix: "q-", PageSize: 2, ContinuationToken: pages[0].ContinuationToken)));
        resumed.Select(m => m.InstanceId).ShouldBe(["q-2", "q-3", "q-4"]);

        var running = await CollectAsync(h.Client.GetAllInstancesAsync(new OrchestrationQuery(Statuses: [SdkStatus.Running], FetchInputsAndOutputs: true)));
        running.Select(m => m.InstanceId).ShouldBe(["w-1"]);
        running[0].SerializedInput.ShouldBe("\"\"");

        var window = await CollectAsync(h.Client.GetAllInstancesAsync(new OrchestrationQuery(CreatedFrom: created[1], CreatedTo: created[3])));
        window.Select(m => m.InstanceId).ShouldBe(["q-1", "q-2"]);
    }

    [Fact]
    public async Task GetAllInstancesAsync_EntitiesInStore_ListsOnlyOrchestrations()
    {
        await using var h = await SdkClientHost.StartAsync();
        await h.Client.Entities.SignalEntityAsync(new("Counter", "e"), "Add", 1, cancellation: Ct);
        await StoreWait.UntilAsync(h.Store, "@counter@e", r => r?.Output is not null, "the counter has state", Ct);
        var id = await h.Client.ScheduleNewOrchestrationInstanceAsync("Greet", new Greeting("o", 1), Ct);
        await h.Client.WaitForInstanceCompletionAsync(id, Ct);

        var all = await CollectAsync(h.Client.GetAllInstancesAsync());

        all.Select(m => m.InstanceId).ShouldBe([id]);
    }

    [Fact]
    public async Task ListInstanceIdsAsync_CompletedInstances_ListsIdsAcrossPages()
    {
        await using var h = await SdkClientHost.StartAsync();
        for (var i = 0; i < 3; i++)
        {
            await h.Client.ScheduleNewOrchestrationInstanceAsync("Greet", new Greeting("l", i), new StartOrchestrationOptions($"l-{i}"), Ct);
            await h.Client.WaitForInstanceCompletionAsync($"l-{i}", Ct);
        }

        await h.Client.ScheduleNewOrchestrationInstanceAsync("Waiter", "", new StartOrchestrationOptions("l-run"), Ct);

        var first = await h.Client.ListInstanceIdsAsync([SdkStatus.Completed], pageSize: 2, cancellation: Ct);
        var second = await h.Client.ListInstanceIdsAsync([SdkStatus.Completed], pageSize: 2, lastInstanceKey: first.ContinuationToken, cancellation: Ct);
        var future = await h.Client.ListInstanceIdsAsync(completedTimeFrom: DateTimeOffset.UtcNow.AddHours(1), cancellation: Ct);

        first.Values.ShouldBe(["l-0", "l-1"]);
        second.Values.ShouldBe(["l-2"]);
        second.ContinuationToken.ShouldBeNull();
        future.Values.ShouldBeEmpty();
    }

    [Fact]
    public async Task PurgeInstanceAsync_FinishedActiveAndMissing_PurgesOnlyTheFinished()
    {
        await using var h = await SdkClientHost.StartAsync();
        await h.Client.ScheduleNewOrchestrationInstanceAsync("Greet", new Greeting("p", 1), new StartOrchestrationOptions("done"), Ct);
        await h.Client.WaitForInstanceCompletionAsync("done", Ct);
        await h.Client.ScheduleNewOrchestrationInstanceAsync("Waiter", "", new StartOrchestrationOptions("active"), Ct);
        await h.Client.WaitForInstanceStartAsync("active", Ct);

        (await h.Client.PurgeInstanceAsync("done", Ct)).PurgedInstanceCount.ShouldBe(1);
        (await h.Client.PurgeInstanceAsync("nobody", Ct)).PurgedInstanceCount.ShouldBe(0);
        await Should.ThrowAsync<InvalidOperationException>(() => h.Client.PurgeInstanceAsync("active", Ct));

        (await h.Client.GetInstanceAsync("done", Ct)).ShouldBeNull();
        (await h.Store.GetHistoryAsync("done", Ct)).ShouldBeEmpty();
        (await h.Client.GetInstanceAsync("active", Ct)).ShouldNotBeNull();
    }

    [Fact]
    public async Task PurgeInstanceAsync_Recursive_PurgesTheSubOrchestrationToo()
    {
        await using var h = await SdkClientHost.StartAsync();
        await h.Client.ScheduleNewOrchestrationInstanceAsync("GreetViaChild", new Greeting("kid", 1), new StartOrchestrationOptions("p1"), Ct);
        await h.Client.ScheduleNewOrchestrationInstanceAsync("GreetViaChild", new Greeting("kid", 1), new StartOrchestrationOptions("p2"), Ct);
        (await h.Client.WaitForInstanceCompletionAsync("p1", true, Ct)).ReadOutputAs<GreetingReply>()!.Text.ShouldBe("KID!");
        await h.Client.WaitForInstanceCompletionAsync("p2", Ct);
        var child1 = ChildOf(await h.Store.GetHistoryAsync("p1", Ct));
        var child2 = ChildOf(await h.Store.GetHistoryAsync("p2", Ct));

        (await h.Client.PurgeInstanceAsync("p1", new PurgeInstanceOptions(Recursive: true), Ct)).PurgedInstanceCount.ShouldBe(2);
        (await h.Client.PurgeInstanceAsync("p2", Ct)).PurgedInstanceCount.ShouldBe(1);

        (await h.Client.GetInstanceAsync(child1, Ct)).ShouldBeNull();
        (await h.Client.GetInstanceAsync(child2, Ct))!.RuntimeStatus.ShouldBe(SdkStatus.Completed);
    }

    [Fact]
    public async Task PurgeAllInstancesAsync_ByStatusThenCreatedTime_PurgesOnlyMatchingFinished()
    {
        var clock = new Nexus.Durable.Testing.ManualTimeProvider();
        await using var h = await SdkClientHost.StartAsync(clock: clock);
        for (var i = 0; i < 3; i++)
        {
            await h.Client.ScheduleNewOrchestrationInstanceAsync("Greet", new Greeting("g", i), new StartOrchestrationOptions($"ok-{i}"), Ct);
            await h.Client.WaitForInstanceCompletionAsync($"ok-{i}", Ct);
        }

        clock.Advance(TimeSpan.FromHours(1));
        var later = clock.GetUtcNow();
        await h.Client.ScheduleNewOrchestrationInstanceAsync("Fail", "x", new StartOrchestrationOptions("bad"), Ct);
        await h.Client.WaitForInstanceCompletionAsync("bad", Ct);
        await h.Client.ScheduleNewOrchestrationInstanceAsync("Waiter", "", new StartOrchestrationOptions("busy"), Ct);
        await h.Client.WaitForInstanceStartAsync("busy", Ct);

        var byStatus = await h.Client.PurgeAllInstancesAsync(new PurgeInstancesFilter(Statuses: [SdkStatus.Completed]), Ct);
        var byTime = await h.Client.PurgeAllInstancesAsync(new PurgeInstancesFilter(CreatedFrom: later), Ct);

        byStatus.PurgedInstanceCount.ShouldBe(3);
        byStatus.IsComplete.ShouldBe(true);
        byTime.PurgedInstanceCount.ShouldBe(1);
        var left = await CollectAsync(h.Client.GetAllInstancesAsync());
        left.Select(m => m.InstanceId).ShouldBe(["busy"]);
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_StartAtInFuture_PendingUntilTheClockGetsThere()
    {
        var clock = new Nexus.Durable.Testing.ManualTimeProvider();
        await using var h = await SdkClientHost.StartAsync(clock: clock);
        var startAt = clock.GetUtcNow().AddHours(1);

        await h.Client.ScheduleNewOrchestrationInstanceAsync("Greet", new Greeting("later", 1), new StartOrchestrationOptions("later", startAt), Ct);
        await h.Client.ScheduleNewOrchestrationInstanceAsync("Greet", new Greeting("now", 1), new StartOrchestrationOptions("now"), Ct);
        await h.Client.WaitForInstanceCompletionAsync("now", Ct);

        (await h.Client.GetInstanceAsync("later", Ct))!.RuntimeStatus.ShouldBe(SdkStatus.Pending);
        clock.Advance(TimeSpan.FromHours(1));
        var done = await h.Client.WaitForInstanceCompletionAsync("later", true, Ct);
        done.ReadOutputAs<GreetingReply>()!.Text.ShouldBe("LATER!");
        done.LastUpdatedAt.ShouldBeGreaterThanOrEqualTo(startAt);
    }

    [Fact]
    public async Task RaiseEventAsync_BeforeADelayedStart_IsKeptAndDeliveredAfterTheStart()
    {
        var clock = new Nexus.Durable.Testing.ManualTimeProvider();
        await using var h = await SdkClientHost.StartAsync(clock: clock);
        await h.Client.ScheduleNewOrchestrationInstanceAsync("Waiter", "x", new StartOrchestrationOptions("early", clock.GetUtcNow().AddHours(1)), Ct);
        clock.Advance(TimeSpan.FromMinutes(10));
        var raised = clock.GetUtcNow();

        await h.Client.RaiseEventAsync("early", "go", "ready", Ct);
        // The worker has the event long before the start: it keeps it (the instance is touched, stays Pending, has no history).
        var waiting = await StoreWait.UntilAsync(h.Store, "early", r => r!.LastUpdatedTime >= raised, "the early event handled", Ct);
        var pending = (await h.Store.GetDiagnosticsAsync("early", Ct)).PendingMessages;
        clock.Advance(TimeSpan.FromMinutes(50));
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        var done = await h.Client.WaitForInstanceCompletionAsync("early", true, deadline.Token);

        waiting!.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Pending);
        pending.ShouldBe(2, "the delayed start and the kept event");
        done.RuntimeStatus.ShouldBe(SdkStatus.Completed);
        done.ReadOutputAs<string>().ShouldBe("ready");
    }

    [Fact]
    public async Task TerminateInstanceAsync_BeforeADelayedStart_EndsItTerminatedWithoutStarting()
    {
        var clock = new Nexus.Durable.Testing.ManualTimeProvider();
        await using var h = await SdkClientHost.StartAsync(clock: clock);
        await h.Client.ScheduleNewOrchestrationInstanceAsync("Waiter", "x", new StartOrchestrationOptions("never", clock.GetUtcNow().AddHours(1)), Ct);

        await h.Client.TerminateInstanceAsync("never", "not needed", Ct);
        var ended = await h.Client.WaitForInstanceCompletionAsync("never", true, Ct);
        clock.Advance(TimeSpan.FromHours(2));
        var later = await h.Client.ScheduleNewOrchestrationInstanceAsync("Waiter", "y", Ct);
        await h.Client.RaiseEventAsync(later, "go", "done", Ct);
        await h.Client.WaitForInstanceCompletionAsync(later, Ct);

        ended.RuntimeStatus.ShouldBe(SdkStatus.Terminated);
        ended.ReadOutputAs<string>().ShouldBe("not needed");
        (await h.Client.GetInstanceAsync("never", Ct))!.RuntimeStatus.ShouldBe(SdkStatus.Terminated, "the start, visible now, does not revive it");
    }

    [Fact]
    public async Task Entities_Always_IsTheNexusEntityClient()
    {
        await using var h = await SdkClientHost.StartAsync();

        h.Client.Entities.ShouldBeOfType<NexusDurableEntityClient>().Name.ShouldBe("DurableTestHost");
        h.Client.Name.ShouldBe("DurableTestHost");
    }

    private static string ChildOf(IReadOnlyList<HistoryEvent> history) =>
        history.Single(e => e.Kind == EventKind.SubOrchestrationInstanceCreated).InstanceId!;

    internal static async Task<List<T>> CollectAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items.WithCancellation(Ct))
        {
            list.Add(item);
        }

        return list;
    }
}

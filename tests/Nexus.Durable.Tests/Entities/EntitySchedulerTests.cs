using Nexus.Durable.History;
using Nexus.Durable.Sdk;
using Shouldly;
using Xunit;

namespace Nexus.Durable.Tests.Entities;

/// <summary>The entity scheduler's rules (DurableTask.Core's <c>TaskEntityDispatcher.DetermineWork</c>) and the SDK's
/// lock and release messages as the orchestration runner sends them.</summary>
public sealed class EntitySchedulerTests
{
    private const string Entity = "@counter@a";
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ToInboxMessage_SdkLockRequest_BecomesLockRequestAtItsPosition()
    {
        const string data = """
            {"op":null,"id":"a77652f0-1128-5926-a998-b02ac1fe56e0","parent":"orch","parentExecution":"exec","lockset":[{"name":"counter","key":"a"},{"name":"counter","key":"b"}],"IsLockRequest":true,"createTrace":false}
            """;

        var message = EntityRequestMessage.ToInboxMessage(Entity, "op", data, "orch", "exec", Now);

        message.InstanceId.ShouldBe(Entity);
        message.Event.Kind.ShouldBe(EventKind.EntityLockRequested);
        message.Event.TaskId.ShouldBe(0);
        message.Event.Data.ShouldBe("""["@counter@a","@counter@b"]""");
        message.Event.RequestId.ShouldBe("a77652f0-1128-5926-a998-b02ac1fe56e0");
        message.Event.InstanceId.ShouldBe("orch");
        message.Event.ExecutionId.ShouldBe("exec");
    }

    [Fact]
    public void ToInboxMessage_SdkRelease_BecomesLockRelease()
    {
        var message = EntityRequestMessage.ToInboxMessage(Entity, "release", """{"parent":"orch","id":"cs-1"}""", "orch", "exec", Now);

        message.Event.Kind.ShouldBe(EventKind.EntityLockReleased);
        message.Event.InstanceId.ShouldBe("orch");
        message.Event.RequestId.ShouldBe("cs-1");
    }

    [Fact]
    public void ToInboxMessage_LockRequestNotNamingTheTarget_IsRejected()
    {
        const string data = """{"op":null,"id":"x","parent":"orch","lockset":[{"name":"counter","key":"a"},{"name":"counter","key":"b"}],"pos":1}""";

        Should.Throw<FormatException>(() => EntityRequestMessage.ToInboxMessage(Entity, "op", data, "orch", null, Now));
    }

    [Fact]
    public void Admit_LockRequestBeforeTheLastEntity_LocksAndForwardsToTheNext()
    {
        var scheduler = EntityScheduler.Admit(Entity, EntitySchedulerState.Empty, [LockRequest("o1", "cs-1", 0, Entity, "@counter@b")], Now);

        scheduler.State.LockedBy.ShouldBe("o1");
        scheduler.State.CriticalSectionId.ShouldBe("cs-1");
        var forwarded = scheduler.Messages.ShouldHaveSingleItem();
        forwarded.InstanceId.ShouldBe("@counter@b");
        forwarded.Event.Kind.ShouldBe(EventKind.EntityLockRequested);
        forwarded.Event.TaskId.ShouldBe(1);
        forwarded.Event.RequestId.ShouldBe("cs-1");
    }

    [Fact]
    public void Admit_LastEntityOfTheLockSet_GrantsTheLockToTheOrchestrationExecution()
    {
        var scheduler = EntityScheduler.Admit(Entity, EntitySchedulerState.Empty, [LockRequest("o1", "cs-1", 1, "@counter@0", Entity)], Now);

        var granted = scheduler.Messages.ShouldHaveSingleItem();
        granted.InstanceId.ShouldBe("o1");
        granted.ExecutionId.ShouldBe("exec-o1");
        granted.Event.Kind.ShouldBe(EventKind.EntityLockGranted);
        granted.Event.RequestId.ShouldBe("cs-1");
        granted.Event.InstanceId.ShouldBe(Entity);
    }

    [Fact]
    public void Admit_WhileLocked_RunsTheHoldersCallsAndDefersOthersUntilTheReleaseThenRunsThemInOrder()
    {
        var locked = EntityScheduler.Admit(
            Entity,
            EntitySchedulerState.Empty,
            [LockRequest("o1", "cs-1", 0, Entity), Signal(null, "s1"), Call("o2", "c2"), LockRequest("o3", "cs-3", 0, Entity), Signal(null, "s4"), Call("o1", "c1")],
            Now);

        locked.Operations.Select(e => e.Name).ShouldBe(["c1"]);
        locked.State.Queue.Select(e => e.Name ?? e.RequestId).ShouldBe(["s1", "c2", "cs-3", "s4"]);

        // Round trip through the stored form, as the next batch reads it.
        var stored = EntitySchedulerState.Parse(locked.State.ToCustomStatus(null));
        var released = EntityScheduler.Admit(Entity, stored, [Release("o2", "cs-x"), Release("o1", "cs-1"), Call("o3", "c3")], Now);

        // The deferred requests run in order until o3's lock request locks the entity again; then only o3's calls pass.
        released.Operations.Select(e => e.Name).ShouldBe(["s1", "c2", "c3"]);
        released.State.LockedBy.ShouldBe("o3");
        released.State.Queue.Select(e => e.Name).ShouldBe(["s4"]);
        released.Messages.ShouldHaveSingleItem().Event.Kind.ShouldBe(EventKind.EntityLockGranted);
    }

    [Fact]
    public void ToCustomStatus_EmptyAfterALock_ClearsTheStoredState()
    {
        var state = EntityScheduler.Admit(Entity, EntitySchedulerState.Parse("""{"lockedBy":"o1"}"""), [Release("o1", "cs-1")], Now).State;

        state.IsEmpty.ShouldBeTrue();
        state.ToCustomStatus("""{"lockedBy":"o1"}""").ShouldBe("{}");
        state.ToCustomStatus("{}").ShouldBeNull();
        state.ToCustomStatus(null).ShouldBeNull();
        EntitySchedulerState.Parse("{}").IsEmpty.ShouldBeTrue();
    }

    private static HistoryEvent LockRequest(string owner, string criticalSection, int position, params string[] lockSet) => new()
    {
        Kind = EventKind.EntityLockRequested,
        TaskId = position,
        Data = System.Text.Json.JsonSerializer.Serialize(lockSet),
        InstanceId = owner,
        ExecutionId = "exec-" + owner,
        RequestId = criticalSection,
    };

    private static HistoryEvent Release(string owner, string criticalSection) =>
        new() { Kind = EventKind.EntityLockReleased, InstanceId = owner, RequestId = criticalSection };

    private static HistoryEvent Signal(string? sender, string operation) =>
        new() { Kind = EventKind.EntityOperationSignaled, Name = operation, InstanceId = sender, RequestId = Guid.NewGuid().ToString() };

    private static HistoryEvent Call(string caller, string operation) =>
        new() { Kind = EventKind.EntityOperationCalled, Name = operation, InstanceId = caller, RequestId = Guid.NewGuid().ToString() };
}

using Shouldly;
using Xunit;

namespace Nexus.Cli.Tests.Remote;

/// <summary><c>nexus submit</c>: a task-assignment message on the host's queue (<c>--server</c>) or on the data directory's
/// queue that the host consumes; the message id makes a retry a duplicate, never a second project.</summary>
public sealed class RemoteSubmitTests(RemoteHost host)
{
    [Fact]
    public async Task Submit_Server_NewThenDuplicate_WaitFollowsTheOneProject()
    {
        var messageId = $"m-{Guid.NewGuid():N}";
        string[] submit = ["submit", "Build slugkit", "--provider", "replay", "--message-id", messageId, "--priority", "high"];

        var first = await host.RunAsync([.. submit, "--json"]);
        var second = await host.RunAsync(submit);
        var waited = await host.RunAsync([.. submit, "--wait", "--json"]);
        var list = await host.RunAsync(["list", "--json"]);

        first.ExitCode.ShouldBe(0, first.ToString());
        var queued = RemoteHost.Json(first);
        queued.GetProperty("messageId").GetString().ShouldBe(messageId);
        queued.GetProperty("duplicate").GetBoolean().ShouldBeFalse();
        queued.GetProperty("server").GetString().ShouldBe(host.Url);
        var projectId = queued.GetProperty("projectId").GetString()!;
        projectId.ShouldStartWith("q-");
        second.ExitCode.ShouldBe(0, second.ToString());
        second.Stdout.ShouldStartWith($"message {messageId}: duplicate");
        second.Stdout.ShouldContain($"on {host.Url}");
        waited.ExitCode.ShouldBe(0, waited.ToString());
        var result = RemoteHost.Json(waited);
        result.GetProperty("id").GetString().ShouldBe(projectId);
        result.GetProperty("runtimeStatus").GetString().ShouldBe("Completed");
        result.GetProperty("tests").GetProperty("failed").GetInt32().ShouldBe(0);
        RemoteHost.Json(list).GetProperty("projects").EnumerateArray().Count(p => p.GetProperty("id").GetString() == projectId).ShouldBe(1);
    }

    [Fact]
    public async Task Submit_WithoutServer_QueuesInTheDataDirectoryAndTheHostThereStartsIt()
    {
        var messageId = $"m-{Guid.NewGuid():N}";
        const string Id = "r-local-queue-1";

        var queued = await host.RunRawAsync(["submit", "Build slugkit", "--provider", "replay", "--message-id", messageId, "--id", Id, "--data", host.DataDirectory]);
        var waited = await host.RunRawAsync(["submit", "Build slugkit", "--provider", "replay", "--message-id", messageId, "--id", Id, "--data", host.DataDirectory, "--wait", "--json"]);
        var status = await host.RunAsync(["status", Id, "--json"]);

        queued.ExitCode.ShouldBe(0, queued.ToString());
        queued.Stdout.ShouldStartWith($"message {messageId}: new, queued in {Path.Combine(host.DataDirectory, "submissions.db")} → project {Id}");
        waited.ExitCode.ShouldBe(0, waited.ToString());
        RemoteHost.Json(waited).GetProperty("runtimeStatus").GetString().ShouldBe("Completed");
        status.ExitCode.ShouldBe(0, status.ToString());
        RemoteHost.Json(status).GetProperty("runtimeStatus").GetString().ShouldBe("Completed");
    }
}

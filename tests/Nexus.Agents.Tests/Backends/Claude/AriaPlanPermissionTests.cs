using Nexus.Agents.Abstractions;
using Nexus.Agents.Roles;
using Nexus.Testing.Claude;
using Shouldly;
using Xunit;

namespace Nexus.Agents.Tests.Backends.Claude;

/// <summary>The built-in Aria with the real <c>claude</c> CLI against <see cref="FakeAnthropicServer"/>: her permissions let
/// her write and edit PLAN.md at the workspace root, and deny every other write.</summary>
public sealed class AriaPlanPermissionTests(ClaudeCliFixture cli) : IClassFixture<ClaudeCliFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunTurnAsync_AriaWritesPlanMd_TheFileIsWrittenWithoutADenial()
    {
        await using var sandbox = await ClaudeSandbox.StartAsync(cli, Token);
        var plan = Path.Combine(sandbox.Workspace, "PLAN.md");
        sandbox.Server.ScriptToolThenText("nexus-aria-write", "Write", new { file_path = plan, content = "# Plan\n1. Parse\n" }, "Plan written.");

        var result = await sandbox.Backend().RunTurnAsync(AriaRequest(sandbox, "nexus-aria-write"), Token);

        result.Succeeded.ShouldBeTrue(result.Error?.Message);
        result.PermissionDenials.ShouldBeEmpty();
        result.Text.ShouldBe("Plan written.");
        (await File.ReadAllTextAsync(plan, Token)).ShouldBe("# Plan\n1. Parse\n");
        var toolResult = sandbox.Server.Requests[^1];
        toolResult.LastMessageHasToolResult.ShouldBeTrue();
    }

    [Fact]
    public async Task RunTurnAsync_AriaEditsPlanMd_TheFileChangesWithoutADenial()
    {
        await using var sandbox = await ClaudeSandbox.StartAsync(cli, Token);
        var plan = Path.Combine(sandbox.Workspace, "PLAN.md");
        await File.WriteAllTextAsync(plan, "# Plan\n1. Parse\n", Token);

        // The CLI edits only a file it has read in this session: first a Read, then the Edit, then the answer.
        sandbox.Server.Script("nexus-aria-edit", request => sandbox.Server.Requests.Count switch
        {
            1 => FakeReply.ToolUse("Read", new { file_path = plan }),
            2 => FakeReply.ToolUse("Edit", new { file_path = plan, old_string = "1. Parse", new_string = "1. Parse\n2. Evaluate" }),
            _ => FakeReply.Text("Plan revised."),
        });

        var result = await sandbox.Backend().RunTurnAsync(AriaRequest(sandbox, "nexus-aria-edit"), Token);

        result.Succeeded.ShouldBeTrue(result.Error?.Message);
        result.PermissionDenials.ShouldBeEmpty();
        (await File.ReadAllTextAsync(plan, Token)).ShouldBe("# Plan\n1. Parse\n2. Evaluate\n");
    }

    [Theory]
    [InlineData("main.py")]
    [InlineData("docs/PLAN.md")]
    [InlineData("../PLAN.md")]
    public async Task RunTurnAsync_AriaWritesAnotherFile_TheWriteIsDenied(string relativePath)
    {
        await using var sandbox = await ClaudeSandbox.StartAsync(cli, Token);
        var target = Path.GetFullPath(Path.Combine(sandbox.Workspace, relativePath));
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        sandbox.Server.ScriptToolThenText("nexus-aria-other", "Write", new { file_path = target, content = "print('hi')\n" }, "I tried.");

        var result = await sandbox.Backend().RunTurnAsync(AriaRequest(sandbox, "nexus-aria-other"), Token);

        var denial = result.PermissionDenials.ShouldHaveSingleItem();
        denial.ToolName.ShouldBe("Write");
        File.Exists(target).ShouldBeFalse();
        File.Exists(Path.Combine(sandbox.Workspace, "PLAN.md")).ShouldBeFalse();
    }

    // The built-in Aria as NEXUS runs her; only the model (the fake's script key) and the timeout are the test's.
    private static AgentTurnRequest AriaRequest(ClaudeSandbox sandbox, string model) =>
        sandbox.Request(model, "Write the plan into PLAN.md.", _ => AgentCatalog.BuiltIn[AgentIds.Aria] with { Model = model, Timeout = TimeSpan.FromSeconds(60) });
}

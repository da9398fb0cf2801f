using Nexus.Agents.Abstractions;
using Nexus.Agents.Roles;
using Nexus.Agents.Workspaces;
using Shouldly;
using Xunit;

namespace Nexus.Agents.Tests.Workspaces;

/// <summary>The write allow-list read from an agent's configured tools, as Claude Code reads its Edit rules.</summary>
public sealed class AgentWritePolicyTests
{
    [Theory]
    [InlineData("PLAN.md", true)]
    [InlineData("src/index.js", false)]
    [InlineData("sub/PLAN.md", false)]
    [InlineData("PLAN.md.bak", false)]
    [InlineData("plan.md", false)]
    public void For_BuiltInAria_OnlyPlanMdAtTheRoot(string path, bool allowed)
    {
        var refusal = AgentWritePolicy.For(AgentCatalog.BuiltIn[AgentIds.Aria]).Refusal(path);

        if (allowed)
        {
            refusal.ShouldBeNull();
        }
        else
        {
            refusal.ShouldBe("Aria may only write what its allowed_tools allow: Edit(/PLAN.md)");
        }
    }

    [Fact]
    public void For_BuiltInTeam_CodeAndAlphaWriteAnythingBetaAndPrimeNothing()
    {
        AgentWritePolicy.For(AgentCatalog.BuiltIn[AgentIds.Code]).AllowsEverything.ShouldBeTrue();
        AgentWritePolicy.For(AgentCatalog.BuiltIn[AgentIds.Alpha]).AllowsEverything.ShouldBeTrue();
        AgentWritePolicy.For(AgentCatalog.BuiltIn[AgentIds.Beta]).Refusal("review.md").ShouldBe("Beta may not write files (no write tool in its allowed_tools)");
        AgentWritePolicy.For(AgentCatalog.BuiltIn[AgentIds.Prime]).Refusal("x").ShouldNotBeNull();
    }

    [Theory]
    [InlineData("Edit(PLAN.md)", "docs/PLAN.md", true)]
    [InlineData("Write(/docs/*.md)", "docs/guide.md", true)]
    [InlineData("Write(/docs/*.md)", "docs/deep/guide.md", false)]
    [InlineData("Edit(/docs/**)", "docs/deep/guide.md", true)]
    [InlineData("Edit(docs/)", "docs/a.md", true)]
    [InlineData("Edit(//etc/passwd)", "etc/passwd", false)]
    [InlineData("Edit(~/notes.md)", "notes.md", false)]
    [InlineData("Read(/src/**)", "src/a.js", false)]
    public void For_PathScopedRules_MatchLikeClaudeCode(string tool, string path, bool allowed)
    {
        var agent = AgentCatalog.BuiltIn[AgentIds.Aria] with { AllowedTools = ["Read", tool], PermissionMode = "default" };

        (AgentWritePolicy.For(agent).Refusal(path) is null).ShouldBe(allowed);
    }

    [Fact]
    public void For_BypassPermissions_AllowsEverything()
    {
        var agent = AgentCatalog.BuiltIn[AgentIds.Beta] with { PermissionMode = "bypassPermissions" };

        AgentWritePolicy.For(agent).AllowsEverything.ShouldBeTrue();
    }

    [Fact]
    public void Apply_EditOutsideThePolicy_RefusesTheBatchAndWritesNothing()
    {
        using var folder = new TemporaryFolder();
        var policy = AgentWritePolicy.For(AgentCatalog.BuiltIn[AgentIds.Aria]);

        var refused = Should.Throw<FileEditRejectedException>(() => new FileEditApplier(folder.Path, policy)
            .Apply([FileEdit.Write("PLAN.md", "# Plan\n"), FileEdit.Write("src/index.js", "boom\n")], TestContext.Current.CancellationToken));

        refused.Message.ShouldContain("src/index.js");
        refused.Message.ShouldContain("Aria may only write what its allowed_tools allow: Edit(/PLAN.md)");
        Directory.EnumerateFileSystemEntries(folder.Path).ShouldBeEmpty();
        new FileEditApplier(folder.Path, policy).Apply([FileEdit.Write("PLAN.md", "# Plan\n")], TestContext.Current.CancellationToken).ShouldBe(["PLAN.md"]);
    }
}

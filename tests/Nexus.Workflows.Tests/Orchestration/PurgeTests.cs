using System.Text.RegularExpressions;
using Nexus.Durable;
using Nexus.Workflows.Tests.Recovery;
using Nexus.Workflows.Tests.Support;
using Shouldly;
using Xunit;

namespace Nexus.Workflows.Tests.Orchestration;

/// <summary>A purge deletes the project's files with its history, so a project started afterwards under the same id
/// begins with a clean workspace: real git, real orchestration, the demo replayed twice.</summary>
public sealed class PurgeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Purge_ThenStartTheSameId_NewProjectHasACleanWorkspaceWithOnlyItsOwnCommits()
    {
        await using var nexus = await WorkflowFixture.StartAsync(cancellationToken: Ct);
        var request = WorkflowFixture.Scenario("demo") with { MaxIterations = 1 };
        var id = await nexus.Projects.StartAsync(request, "purge-reuse", Ct);
        (await nexus.Projects.WaitAsync(id, Ct)).RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Failed);
        var workspace = new WorkspaceGit(nexus.Projects.WorkspaceOf(id));
        var first = await workspace.LogAsync(Ct);
        first.Count.ShouldBeGreaterThan(2);
        var folder = Path.Combine(nexus.DataDirectory, "projects", id);
        Directory.Exists(Path.Combine(folder, "home")).ShouldBeTrue();

        (await nexus.Projects.PurgeAsync(id, Ct)).ShouldBeGreaterThan(0);

        Directory.Exists(folder).ShouldBeFalse("workspace, agent home, process records and scratchpads' mirror go with the project");
        (await nexus.Projects.StartAsync(request, id, Ct)).ShouldBe(id);
        (await nexus.Projects.WaitAsync(id, Ct)).RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Failed);
        var second = await workspace.LogAsync(Ct);
        second.Select(c => c.Author).ShouldBe(first.Select(c => c.Author), "the same replayed project, once");
        second.Select(c => c.Id).Intersect(first.Select(c => c.Id)).ShouldBeEmpty("no commit of the purged project is inherited");
        second.Count(c => c.Parents.Count == 0).ShouldBe(1);
        Regex.Count(await workspace.PatchLogAsync(Ct), "^commit [0-9a-f]{40}$", RegexOptions.Multiline).ShouldBe(second.Count, "no other branch keeps the old commits");
    }
}

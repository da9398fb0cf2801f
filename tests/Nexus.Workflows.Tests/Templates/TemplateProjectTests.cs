using Nexus.Agents.Scratchpads;
using Nexus.Durable;
using Nexus.Workflows.Activities;
using Nexus.Workflows.Model;
using Nexus.Workflows.Tests.Support;
using Shouldly;
using Xunit;

namespace Nexus.Workflows.Tests.Templates;

/// <summary>Projects started from a template: real scaffold commits, real test runs with the template's test command,
/// replayed agent turns.</summary>
public sealed class TemplateProjectTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task NodeLibrary_DemoReplay_ScaffoldIsTheFirstCommitAndTheProjectCompletes()
    {
        await using var nexus = await WorkflowFixture.StartAsync(o => o.TemplatesDirectory = TemplateFixture.BuiltInDirectory, Ct);

        var id = await nexus.Projects.StartAsync(WorkflowFixture.Scenario("demo") with { Template = "node-library", TestCommand = null }, "tpl-node-lib", Ct);
        var done = await nexus.Projects.WaitAsync(id, Ct);

        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, done.Failure?.Message);
        done.Report!.Iterations.ShouldBe(2);
        done.Report.Commits.Select(c => c.Agent).ShouldBe(["nexus", "aria", "code", "alpha", "code"]);
        var commits = await nexus.Projects.GetCommitsAsync(id, Ct);
        commits.Select(c => c.AuthorName).ShouldBe(["NEXUS", "NEXUS", "Aria", "Code", "Alpha", "Code"]);
        commits[1].Message.ShouldBe(ScaffoldWorkspaceActivity.CommitMessage("node-library"));
        done.Report.Files.ShouldContain("src/index.js");
        done.Report.Files.ShouldContain("test/index.test.js");
        var request = (await nexus.Projects.GetAsync(id, cancellationToken: Ct))!.Request!;
        request.TestCommand.ShouldBe("node --test");
        request.ResolvedTemplate!.Scaffold.Count.ShouldBe(4);
    }

    [Theory]
    [InlineData("node-library")]
    [InlineData("node-http-api")]
    [InlineData("python-package")]
    [InlineData("dotnet-webapi")]
    public async Task Template_SmokeReplay_ScaffoldTestsRunGreenWithTheTemplatesCommand(string template)
    {
        await using var nexus = await WorkflowFixture.StartAsync(o => o.TemplatesDirectory = TemplateFixture.BuiltInDirectory, Ct);

        var id = await nexus.Projects.StartAsync(WorkflowFixture.Scenario("template-smoke") with { Template = template, Technology = null }, $"tpl-{template}", Ct);
        var done = await nexus.Projects.WaitAsync(id, Ct);

        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, done.Failure?.Message);
        done.Report!.Tests.Succeeded.ShouldBeTrue();
        done.Report.Tests.Passed.ShouldBeGreaterThan(0);
        done.Report.Commits[0].ShouldBe(done.Report.Commits[0] with { Agent = "nexus", Message = ScaffoldWorkspaceActivity.CommitMessage(template) });
        var project = (await nexus.Projects.GetAsync(id, cancellationToken: Ct))!;
        project.Request!.TestCommand.ShouldBe(project.Request.ResolvedTemplate!.TestCommand);
        project.Request.Technology.ShouldBe(project.Request.ResolvedTemplate.Technology);
    }

    [Fact]
    public async Task PythonPackage_SmokeReplay_QaGateMeasuresItWithCoveragePyAndTheAstCounter()
    {
        await using var nexus = await WorkflowFixture.StartAsync(o => o.TemplatesDirectory = TemplateFixture.BuiltInDirectory, Ct);

        var id = await nexus.Projects.StartAsync(WorkflowFixture.Scenario("template-smoke") with { Template = "python-package", Technology = null }, "tpl-python-qa", Ct);
        var done = await nexus.Projects.WaitAsync(id, Ct);

        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, done.Failure?.Message);
        var qa = (await nexus.Projects.GetScratchpadsAsync(id, Ct)).Single(p => p.Name == ScratchpadNames.QaReport).Entries[^1].Content;
        qa.ShouldContain("## QA gate: passed");
        qa.ShouldContain("`python3 -m coverage run --branch -m unittest discover -s tests -t . -v`: lines 100 %, branches 100 %.", customMessage: qa); // mypackage/__init__.py: 2 of 2 statements
        qa.ShouldContain("- Python coverage: coverage.py ");
        qa.ShouldContain("- Python complexity: NEXUS's ast-based counter");
        qa.ShouldNotContain("not measured");
    }

    [Fact]
    public async Task Start_UnknownTemplate_IsRefusedBeforeAnythingRuns()
    {
        await using var nexus = await WorkflowFixture.StartAsync(o => o.TemplatesDirectory = TemplateFixture.BuiltInDirectory, Ct);

        var error = await Should.ThrowAsync<ArgumentException>(() => nexus.Projects.StartAsync(WorkflowFixture.Scenario("demo") with { Template = "cobol" }, "tpl-unknown", Ct));

        error.Message.ShouldContain("unknown template 'cobol' (known: dotnet-webapi, node-http-api, node-library, python-package)");
        (await nexus.Projects.GetAsync("tpl-unknown", cancellationToken: Ct)).ShouldBeNull();
    }
}

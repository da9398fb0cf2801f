using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Nexus.Durable;
using Nexus.Durable.History;
using Nexus.Workflows.Model;
using Nexus.Workflows.Tests.Support;
using Shouldly;
using Xunit;

namespace Nexus.Workflows.Tests.Templates;

/// <summary>Aria's planner model is unavailable (a fake OpenAI-compatible server on 127.0.0.1 that answers every call
/// 503, at the ollama backend's default address): the plan comes from the template and says so; the rest of the team
/// (replay) carries the project to the end.</summary>
public sealed class PlanFallbackTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PlannerUnavailable_WithTemplate_PlanFromTheTemplateAndTheProjectCompletes()
    {
        await using var unavailable = await StartUnavailableModelAsync();
        using var config = new TempFolder();
        var yaml = config.Write("nexus.agents.yaml", """
            agents:
              aria:
                backend: ollama
                model: llama3.2
                max_retries: 0
              code:
                backend: replay
              alpha:
                backend: replay
              beta:
                backend: replay
              prime:
                backend: replay
            """);
        await using var nexus = await WorkflowFixture.StartAsync(o => { o.TemplatesDirectory = TemplateFixture.BuiltInDirectory; o.AgentConfigPath = yaml; }, Ct);

        var request = WorkflowFixture.Scenario("demo") with { Provider = null, Template = "node-library", TestCommand = null };
        var id = await nexus.Projects.StartAsync(request, "fallback-1", Ct);
        var done = await nexus.Projects.WaitAsync(id, Ct);

        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, done.Failure?.Message);
        var alert = done.Status!.Alerts.ShouldHaveSingleItem();
        alert.Kind.ShouldBe(ProjectAlert.PlanFallback);
        alert.Who.ShouldBe("aria");
        alert.Message.ShouldContain("the planner model was unavailable (ollama: Transient");
        done.Report!.Timeline.First(s => s.Agent == "aria").Outcome.ShouldBe("fallback: plan from the template");
        var history = await nexus.Projects.GetHistoryAsync(id, Ct);
        history.ShouldContain(e => e.Kind == EventKind.TaskScheduled && e.Name == "ProjectAlert" && e.Data!.Contains("plan_fallback"));
        var plan = await File.ReadAllTextAsync(Path.Combine(nexus.Projects.WorkspaceOf(id), "PLAN.md"), Ct);
        plan.ShouldContain("**Plan from the template `node-library`**");
        plan.ShouldContain("## Acceptance criteria");
        var pads = await nexus.Projects.GetScratchpadsAsync(id, Ct);
        pads.Single(p => p.Name == "aria_to_code").Markdown.ShouldContain("the planner model was unavailable");
        unavailable.Calls.ShouldBeGreaterThan(0);
    }

    private static async Task<FakeModel> StartUnavailableModelAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:11434");
        var app = builder.Build();
        var fake = new FakeModel(app);
        app.Run(context =>
        {
            fake.Hit();
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return context.Response.WriteAsync("""{"error":{"message":"model unavailable"}}""");
        });
        await app.StartAsync(Ct);
        return fake;
    }

    private sealed class FakeModel(WebApplication app) : IAsyncDisposable
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public void Hit() => Interlocked.Increment(ref _calls);

        public async ValueTask DisposeAsync() => await app.DisposeAsync();
    }
}

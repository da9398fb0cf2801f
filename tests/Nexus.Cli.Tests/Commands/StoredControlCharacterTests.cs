using Nexus.Cli.Tests.Support;
using Nexus.Durable.Client;
using Nexus.Workflows.Hosting;
using Nexus.Workflows.Model;
using Nexus.Workflows.Orchestration;
using Shouldly;
using Xunit;
using Nexus.Hosting;

namespace Nexus.Cli.Tests.Commands;

/// <summary>A project whose stored text holds terminal escapes (stored before the entrances refused them, or through the
/// engine directly): the real CLI prints it with the characters escaped, never raw.</summary>
public sealed class StoredControlCharacterTests : IDisposable
{
    private const string Id = "esc-1";
    private const string Description = "slugkit\u001b[2J\u001b]0;pwned\u0007 cleared \u202Egnp.exe";

    private readonly NexusCli _cli = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task ListStatusHistory_DescriptionWithEscAndBidiControls_PrintNoRawControlCharacter()
    {
        await StoreThroughTheEngineAsync();

        var list = await _cli.RunAsync("list");
        var status = await _cli.RunAsync("status", Id);
        var history = await _cli.RunAsync("history", Id);
        var json = await _cli.RunAsync("list", "--json");

        foreach (var result in new[] { list, status, history, json })
        {
            result.ExitCode.ShouldBe(0, result.ToString());
            result.Stdout.ShouldNotContain('\u001b', result.ToString());
            result.Stdout.ShouldNotContain('\u0007', result.ToString());
            result.Stdout.ShouldNotContain('\u202e', result.ToString());
        }

        list.Stdout.ShouldContain("slugkit\\u001b[2J\\u001b]0;pwned\\u0007 cleared \\u202egnp.exe");
        status.Stdout.ShouldContain("description: slugkit\\u001b[2J");
        history.Stdout.ShouldContain("ExecutionStarted");
    }

    // Through the engine client, as code on the engine or an older NEXUS could: no entrance validation on the way. The
    // worker carries it to the plan gate, so its history and status are those of a project at work.
    private async Task StoreThroughTheEngineAsync()
    {
        var options = new NexusOptions { DataDirectory = _cli.DataDirectory };
        await using var runtime = await NexusRuntime.StartAsync(options, Ct);
        var request = new ProjectRequest { Description = Description, Provider = "replay", Scenario = "demo", ApprovePlan = true, TestCommand = "node --test" };
        Should.Throw<ArgumentException>(() => ProjectRequestValidator.Validate(request), "the stored request is one the entrances refuse");
        await runtime.Projects.Durable.ScheduleNewOrchestrationInstanceAsync(ProjectOrchestration.Name, request, new Microsoft.DurableTask.StartOrchestrationOptions { InstanceId = Id }, Ct);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        limit.CancelAfter(NexusCli.Timeout);
        while ((await runtime.Projects.GetAsync(Id, cancellationToken: limit.Token))?.Status?.Phase != ProjectPhases.Approval)
        {
            await runtime.Projects.WaitForChangeAsync(Id, TimeSpan.FromSeconds(1), limit.Token);
        }
    }
}

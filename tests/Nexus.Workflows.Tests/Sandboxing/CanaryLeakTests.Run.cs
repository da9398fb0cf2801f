using System.Diagnostics;
using Nexus.Testing.Claude;
using Nexus.Workflows.Tests.Recovery;
using Nexus.Workflows.Tests.Support;
using Shouldly;
using Xunit;

namespace Nexus.Workflows.Tests.Sandboxing;

// The same attack through the other entrance: `nexus run` in the foreground, as a user on the machine starts a project.
public sealed partial class CanaryLeakTests
{
    [Fact]
    public async Task Run_PromptInjectedProjectOnClaude_NoCanaryLeavesTheSandbox()
    {
        var clock = Stopwatch.StartNew();
        await using var sandbox = await CrashSandbox.CreateAsync(Ct);
        await using var api = await FakeAnthropicServer.StartAsync(Ct);
        // No server runs: the address Code's probe calls is a free port.
        var (world, workspace, attacker, cli) = await ArrangeAsync(sandbox, api, new Uri($"http://127.0.0.1:{ClaudeTestEnvironment.FreePort()}"));
        world.WriteApiKeyFile();
        var demo = WorkflowFixture.Scenario("demo");

        // 1. `nexus run` with the canaries in its environment; its live progress and summary go to the console.
        await using var run = await cli.RunAsync(
            ["run", attacker.Description(demo.Description), "--id", ProjectId, "--requirements", demo.Requirements!,
             "--technology", demo.Technology!, "--test-command", demo.TestCommand!],
            ProjectTimeout,
            Ct);
        run.ExitCode.ShouldBe(0, run.Describe());
        await AssertCompletedOnClaudeAsync(sandbox, attacker, run.Describe());

        // 2. No canary anywhere: not in what reached the model provider, NEXUS printed, stored or shows afterwards.
        var commits = await workspace.LogAsync(Ct);
        var scanner = await ScanWhatNexusKeptAsync(sandbox, world, api, workspace);
        scanner.Add("nexus run's stdout", run.Stdout);
        scanner.Add("nexus run's stderr", run.Stderr);
        var shown = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var command in (string[][])[["status", ProjectId, "--json"], ["history", ProjectId, "--json"], ["list"]])
        {
            await using var show = await cli.RunAsync(command, TimeSpan.FromSeconds(60), Ct);
            show.ExitCode.ShouldBe(0, show.Describe());
            shown[command[0]] = show.Stdout;
            scanner.Add($"nexus {string.Join(' ', command)}", $"{show.Stdout}\n{show.Stderr}");
        }

        var leaks = scanner.Leaks();
        leaks.ShouldBeEmpty($"{leaks.Count} canaries leaked:\n{string.Join("\n", leaks)}");

        // 3. And not because nothing was tried.
        await AssertTheAttackRanAsync(attacker, world, sandbox, workspace, commits, shown["history"]);

        TestContext.Current.SendDiagnosticMessage(
            $"{nameof(Run_PromptInjectedProjectOnClaude_NoCanaryLeavesTheSandbox)}: {world.Canaries.Count} canaries, {api.Requests.Count} requests to the fake API, " +
            $"{scanner.Sources.Count} sources ({scanner.Characters:N0} characters) scanned, {clock.Elapsed.TotalSeconds:0.0} s");
    }
}

using System.CommandLine;
using System.Globalization;
using Nexus.Cli.Live;
using Nexus.Cli.Setup;
using Nexus.Workflows.Model;

namespace Nexus.Cli.Commands;

/// <summary><c>nexus demo [--id ID] [--delay SECONDS] [--json]</c>: the bundled demo project, replayed offline (no provider, no cost).</summary>
internal static class DemoCommand
{
    private const double MaxDelaySeconds = 600;

    public static Command Create()
    {
        var id = RunOptions.CreateId();
        var delay = new Option<double?>("--delay")
        {
            Description = $"Seconds each replayed agent turn takes, to watch the team work (0–{MaxDelaySeconds:0}; default none).",
            HelpName = "SECONDS",
            CustomParser = result =>
            {
                var text = RunOptions.OptionText(result);
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) || value is < 0 or > MaxDelaySeconds)
                {
                    result.AddError($"--delay must be between 0 and {MaxDelaySeconds:0} seconds, not '{text}'");
                    return null;
                }

                return value;
            },
        };
        var json = CliOptions.Json("Print one JSON object with the outcome instead of live progress and a summary.");
        var command = new Command(
            "demo",
            "Watch the team build the bundled demo project offline: recorded agent turns, real git commits and a real test run (with --server: on the host).")
        {
            id,
            delay,
            json,
        };
        CliOptions.AddServer(command);
        CommandAction.Set(command, async (parseResult, cancellationToken) =>
        {
            var scenario = await ScenarioCatalog.Find(CliRuntime.Options(parseResult, runWorker: true)).ReadAsync(ScenarioCatalog.Demo, cancellationToken);
            var request = new ProjectRequest
            {
                Description = scenario.Description,
                Requirements = scenario.Requirements,
                Technology = scenario.Technology,
                TestCommand = scenario.TestCommand,
                Provider = Providers.Replay,
                Scenario = ScenarioCatalog.Demo,
                ReplayDelay = parseResult.GetValue(delay) is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
            };
            return await ProjectLauncher.StartAndFollowAsync(
                parseResult, request, parseResult.GetValue(id), parseResult.GetValue(json), "recorded turns, no cost", cancellationToken);
        });
        return command;
    }
}

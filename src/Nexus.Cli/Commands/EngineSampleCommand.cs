using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Nexus.Cli.EngineSample;
using Nexus.Cli.Setup;

namespace Nexus.Cli.Commands;

/// <summary><c>nexus engine-sample [--n N] [--data DIR]</c>: runs a small orchestration workload on the embedded SQLite store.</summary>
internal static class EngineSampleCommand
{
    private const int MaxCount = 10_000;

    public static Command Create()
    {
        var count = new Option<int>("--n")
        {
            Description = $"How many sample orchestrations to run (1–{MaxCount}).",
            HelpName = "N",
            DefaultValueFactory = _ => 20,
            CustomParser = ParseCount,
        };

        var command = new Command("engine-sample", "Run a sample orchestration workload on the embedded SQLite engine (an engine smoke test; no agents).")
        {
            count,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var directory = CliRuntime.Options(parseResult, runWorker: false).DataPath;
            var runner = new EngineSampleRunner(Console.Out, TimeProvider.System);
            return await runner.RunAsync(directory, parseResult.GetValue(count), cancellationToken);
        });
        return command;
    }

    private static int ParseCount(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is < 1 or > MaxCount)
        {
            result.AddError($"--n must be a whole number between 1 and {MaxCount}, not '{text}'.");
        }

        return n;
    }
}

using System.CommandLine;
using Nexus.Cli.Live;
using Nexus.Cli.Setup;
using Nexus.Workflows.Model;

namespace Nexus.Cli.Commands;

/// <summary><c>nexus run "description" [options]</c>: starts a project and shows it live until it ends.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var options = new RunOptions();
        var command = new Command("run", "Start a project: the team plans, implements, writes and runs tests, and reviews until done. Shows live progress.");
        options.AddTo(command);
        CommandAction.Set(command, (parseResult, cancellationToken) => RunAsync(parseResult, options, cancellationToken));
        return command;
    }

    private static Task<int> RunAsync(ParseResult parseResult, RunOptions options, CancellationToken cancellationToken)
    {
        var provider = parseResult.GetValue(options.Provider);
        var scenario = parseResult.GetValue(options.Scenario);
        if (scenario is not null)
        {
            provider ??= Providers.Replay;
            if (provider != Providers.Replay)
            {
                throw new UsageException($"--scenario only applies to --provider replay, not {provider}");
            }
        }

        var selection = ProviderResolver.ForThisProcess().Resolve(provider);
        var request = new ProjectRequest
        {
            Description = parseResult.GetRequiredValue(options.Description),
            Requirements = parseResult.GetValue(options.Requirements),
            Technology = parseResult.GetValue(options.Technology),
            Provider = selection.Provider,
            Model = parseResult.GetValue(options.Model),
            MaxIterations = parseResult.GetValue(options.MaxIterations),
            BudgetUsd = parseResult.GetValue(options.BudgetUsd),
            ApprovePlan = parseResult.GetValue(options.ApprovePlan),
            TestCommand = parseResult.GetValue(options.TestCommand),
            Scenario = selection.Provider == Providers.Replay ? scenario ?? ScenarioCatalog.Demo : null,
        };
        return ProjectLauncher.StartAndFollowAsync(
            parseResult, request, parseResult.GetValue(options.Id), parseResult.GetValue(options.Json), selection.Reason, cancellationToken);
    }
}

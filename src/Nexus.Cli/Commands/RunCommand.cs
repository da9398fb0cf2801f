using System.CommandLine;
using Nexus.Cli.Live;
using Nexus.Cli.Projects;
using Nexus.Cli.Setup;
using Nexus.Workflows.Model;

namespace Nexus.Cli.Commands;

/// <summary><c>nexus run "description" [options]</c>: starts a project (here, or on a host with <c>--server</c>) and shows
/// it live until it ends. <c>nexus execute --task "description" [options]</c> is the original product's name for it.</summary>
internal static class RunCommand
{
    private const string Summary =
        "Start a project: the team plans, implements, writes and runs tests, and reviews until done. Shows live progress. " +
        "With --server the host runs it and this shows it live.";

    public static Command Create()
    {
        var options = new RunOptions();
        var command = new Command("run", Summary);
        options.AddTo(command);
        CliOptions.AddServer(command);
        CommandAction.Set(command, (parseResult, cancellationToken) => RunAsync(parseResult, options, cancellationToken));
        return command;
    }

    /// <summary><c>nexus execute --task "…"</c>: <c>run</c> under the original product's name, the description as <c>--task</c>.</summary>
    public static Command CreateExecute()
    {
        var options = new RunOptions(descriptionAsTask: true);
        var command = new Command("execute", "Alias of run (the original CLI's name): " + Summary);
        options.AddTo(command);
        CliOptions.AddServer(command);
        CommandAction.Set(command, (parseResult, cancellationToken) => RunAsync(parseResult, options, cancellationToken));
        return command;
    }

    private static Task<int> RunAsync(ParseResult parseResult, RunOptions options, CancellationToken cancellationToken)
    {
        var provider = options.RequestedProvider(parseResult);
        // Before anything else is checked or started: a model the provider cannot run fails at once, with the reason.
        if (ProviderModels.Problem(provider, parseResult.GetValue(options.Model)) is { } mismatch)
        {
            throw new UsageException(mismatch);
        }

        // A host runs the agents with its own tools and keys: it decides, and a project it cannot run fails with the reason.
        var selection = ProjectServices.Server(parseResult) is null
            ? ProviderResolver.ForThisProcess().Resolve(provider, AgentConfiguration.Load(parseResult, CliRuntime.Options(parseResult, runWorker: true)).Backends)
            : new ProviderSelection(provider, provider is null ? "the server's configured backends" : "checked by the server");
        return ProjectLauncher.StartAndFollowAsync(
            parseResult, options.Request(parseResult, selection.Provider), parseResult.GetValue(options.Id), parseResult.GetValue(options.Json), selection.Reason, cancellationToken);
    }
}

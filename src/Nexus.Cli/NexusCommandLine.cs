using System.CommandLine;
using Nexus.Cli.Commands;

namespace Nexus.Cli;

/// <summary>The command tree and the rules every command shares: usage errors are one stderr line and exit code 2,
/// failures are one stderr line and exit code 1, and no stack trace reaches the user.</summary>
internal static class NexusCommandLine
{
    public static RootCommand CreateRoot()
    {
        var root = new RootCommand("NEXUS — a durable multi-agent orchestrator: a team of agents plans, implements, tests and reviews a project.")
        {
            CliOptions.Data,
            CliOptions.Config,
            CliOptions.Store,
            CliOptions.Connection,
            CliOptions.Schema,
            CliOptions.Scratchpads,
            CliOptions.ScratchpadsConnection,
            CliOptions.Unsandboxed,
            RunCommand.Create(),
            RunCommand.CreateExecute(),
            DemoCommand.Create(),
            ResumeCommand.Create(),
            RetryCommand.Create(),
            RestartCommand.Create(),
            StatusCommand.Create(),
            ListCommand.Create(),
            HistoryCommand.Create(),
            AgentsCommand.Create(),
            TemplatesCommand.Create(),
            MemoryCommand.Create(),
            ApproveCommand.Create(),
            CancelCommand.Create(),
            PurgeCommand.Create(),
            SubmitCommand.Create(),
            DoctorCommand.Create(),
            ConfigCommand.Create(),
            ServeCommand.Create(),
            WorkerCommand.Create(),
            EngineSampleCommand.Create(),
        };
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        ParseResult parsed;
        try
        {
            parsed = CreateRoot().Parse(args);
        }
        catch (InvalidOperationException e)
        {
            // A value the parser could not convert, seen by a validator: still bad usage, never a crash.
            await CommandAction.ErrorAsync($"{e.Message.TrimEnd('.')} (see 'nexus --help')");
            return ExitCodes.Usage;
        }

        if (parsed.Errors.Count > 0)
        {
            // An unknown word says more than the missing command it causes, so it wins.
            var error = parsed.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal)) ?? parsed.Errors[0];
            await Console.Error.WriteLineAsync($"nexus: {Output.TerminalText.EscapeLine(CommandAction.OneLine(error.Message)).TrimEnd('.')} (see 'nexus --help')");
            return ExitCodes.Usage;
        }

        // Ctrl-C is ours (InterruptSignal): a running project asks whether to cancel or leave it, so System.CommandLine
        // must not turn it into a cancelled token on its own.
        var configuration = new InvocationConfiguration { ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false };
        return await CommandAction.RunAsync(() => parsed.InvokeAsync(configuration));
    }
}

using System.CommandLine;
using Nexus.Cli.Live;
using Nexus.Cli.Setup;
using Nexus.Workflows.Hosting;

namespace Nexus.Cli.Commands;

/// <summary><c>nexus worker</c>: a worker process without HTTP. With <c>--store postgres</c> any number of them, on any
/// machines, share the work of one database; projects are started by the host (<c>nexus serve</c>), its queue, or
/// <c>nexus run</c> (whose own worker then shares the work too).</summary>
internal static class WorkerCommand
{
    public static Command Create()
    {
        var command = new Command(
            "worker",
            "Run a worker (no HTTP) that carries projects on: orchestration steps, agent turns and test runs. With --store postgres, " +
            "start as many as you like on any machines sharing one database and one data directory; Ctrl-C or SIGTERM stops it and " +
            "hands its running steps back.");
        CommandAction.Set(command, async (parseResult, _) =>
        {
            using var signal = new InterruptSignal();
            var options = CliRuntime.Options(parseResult, runWorker: true);
            await using (var runtime = await CliRuntime.StartAsync(options, signal.Token))
            {
                await Console.Out.WriteLineAsync(
                    $"nexus worker: taking work from {CliRuntime.Describe(options)} (pid {Environment.ProcessId}; sandbox: {Live.ProjectLauncher.SandboxLine(options)}); Ctrl-C or SIGTERM stops it");
                try
                {
                    await Task.Delay(Timeout.Infinite, signal.Token);
                }
                catch (OperationCanceledException)
                {
                    await Console.Out.WriteLineAsync("nexus worker: stopping (running steps are handed back to the store)");
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }
}

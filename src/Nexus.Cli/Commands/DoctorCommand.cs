using System.CommandLine;
using Nexus.Agents.Processes;
using Nexus.Cli.Setup;

namespace Nexus.Cli.Commands;

/// <summary><c>nexus doctor</c>: checks what NEXUS needs. Keys are reported as set or not set, never shown.</summary>
internal static class DoctorCommand
{
    public static Command Create()
    {
        var command = new Command("doctor", "Check git, node, the claude CLI, the sandbox, the agent configuration file, provider keys (set or not — never their values), the replay scenarios, the SQLite library and the store.");
        CommandAction.Set(command, async (parseResult, cancellationToken) =>
        {
            var options = CliRuntime.Options(parseResult, runWorker: false);
            var doctor = new Doctor(options, Environment.GetEnvironmentVariable, ClaudeLocator.ForThisProcess(), new ProcessRunner(options.TimeProvider),
                configFromFlag: parseResult.GetValue(CliOptions.Config) is not null);
            var checks = await doctor.RunAsync(cancellationToken);
            var width = checks.Max(c => c.Name.Length);
            foreach (var check in checks)
            {
                var mark = check.Outcome switch { DoctorOutcome.Ok => "ok  ", DoctorOutcome.Info => "-   ", DoctorOutcome.Warning => "warn", _ => "FAIL" };
                await Console.Out.WriteLineAsync($"{mark}  {check.Name.PadRight(width)}  {check.Detail}");
            }

            var failed = checks.Count(c => c.Outcome == DoctorOutcome.Failed);
            await Console.Out.WriteLineAsync(failed == 0 ? "nexus doctor: ready" : $"nexus doctor: {failed} problem(s) to fix");
            return failed == 0 ? ExitCodes.Success : ExitCodes.Failed;
        });
        return command;
    }
}

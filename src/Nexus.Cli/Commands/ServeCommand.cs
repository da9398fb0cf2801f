using System.CommandLine;
using System.Globalization;
using Nexus.Cli.Setup;
using Nexus.Server.Hosting;

namespace Nexus.Cli.Commands;

/// <summary><c>nexus serve [--port P]</c>: the HTTP API (and dashboard) with the engine's worker in the same process.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var port = new Option<int?>("--port") { Description = "Listen on http://localhost:PORT (default: ASP.NET Core's --urls / ASPNETCORE_URLS, else 5000).", HelpName = "PORT" };
        port.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is { } value && value is < 1 or > 65535)
            {
                result.AddError($"--port must be between 1 and 65535 (it is {value})");
            }
        });
        var command = new Command("serve", "Run the HTTP API and the dashboard, with the worker in this process (embedded SQLite by default).") { port };
        CommandAction.Set(command, async (parseResult, cancellationToken) =>
        {
            var options = CliRuntime.Options(parseResult, runWorker: true);
            var args = new List<string> { "--data", options.DataPath };
            if (parseResult.GetValue(port) is { } value)
            {
                args.AddRange(["--port", value.ToString(CultureInfo.InvariantCulture)]);
            }

            await NexusHost.RunAsync([.. args], options, cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }
}

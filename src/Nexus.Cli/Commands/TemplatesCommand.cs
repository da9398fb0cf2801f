using System.CommandLine;
using Nexus.Cli.Output;
using Nexus.Cli.Setup;
using Nexus.Workflows.Templates;

namespace Nexus.Cli.Commands;

/// <summary><c>nexus templates [--json]</c>: the project templates <c>--template</c> accepts — the built-in ones and the
/// user's (a <c>templates</c> folder next to the agent configuration file, else in the current directory).</summary>
internal static class TemplatesCommand
{
    public static Command Create()
    {
        var json = CliOptions.Json("Print one JSON object: {templates: [{name, description, source, testCommand, technology, qaTools, securityTools, files}]}.");
        var command = new Command(
            "templates",
            "List the project templates for 'nexus run --template NAME': name, description and source (built-in, or the user template's folder).")
        {
            json,
        };
        CommandAction.Set(command, async (parseResult, cancellationToken) =>
        {
            var options = CliRuntime.Options(parseResult, runWorker: false);
            var templates = TemplateCatalog.For(options).List();
            if (parseResult.GetValue(json))
            {
                await CliJson.WriteAsync(Console.Out, new
                {
                    templates = templates.Select(t => new
                    {
                        name = t.Name,
                        description = t.Description,
                        source = t.Source,
                        testCommand = t.TestCommand,
                        technology = t.Technology,
                        qaTools = t.QaTools,
                        securityTools = t.SecurityTools,
                        files = t.Scaffold.Select(f => f.Path),
                    }),
                    userFolder = options.UserTemplatesDirectory(),
                });
                return ExitCodes.Success;
            }

            var width = Math.Max(4, templates.Count == 0 ? 0 : templates.Max(t => t.Name.Length));
            await Console.Out.WriteLineAsync($"{"NAME".PadRight(width)}  {"SOURCE",-10}  DESCRIPTION");
            foreach (var t in templates)
            {
                await Console.Out.WriteLineAsync($"{TerminalText.EscapeLine(t.Name).PadRight(width)}  {TerminalText.EscapeLine(t.Source),-10}  {TerminalText.EscapeLine(t.Description)}");
            }

            await Console.Out.WriteLineAsync($"user templates: {TerminalText.EscapeLine(options.UserTemplatesDirectory())}");
            await Console.Out.FlushAsync(cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }
}

using System.CommandLine;
using System.Text.Json.Nodes;
using Nexus.Cli.Output;
using Nexus.Cli.Setup;

namespace Nexus.Cli.Commands;

/// <summary><c>nexus config [--json]</c>: the effective configuration — each agent's backend, model and limits, and where
/// each value came from — with the configuration file, the data directory and store, the sandbox, which provider
/// variables are set (never their values), the QA and Security gates and the performance watch's limits.</summary>
internal static class ConfigCommand
{
    private const int ValueWidth = 44;

    public static Command Create()
    {
        var json = CliOptions.Json();
        var command = new Command(
            "config",
            "Show the effective configuration: each agent's backend, model, fallbacks, limits and permissions and where each came from " +
            "(built-in or FILE:LINE), the configuration file, data directory, store, sandbox and which provider variables are set.")
        {
            json,
        };
        CommandAction.Set(command, async (parseResult, _) =>
        {
            var report = ConfigReportBuilder.Build(parseResult, Environment.GetEnvironmentVariable);
            if (parseResult.GetValue(json))
            {
                await CliJson.WriteAsync(Console.Out, report);
            }
            else
            {
                await WriteAsync(Console.Out, report);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task WriteAsync(TextWriter output, ConfigReport report)
    {
        await output.WriteLineAsync($"config file  {Text(report.ConfigFile is null ? report.ConfigChosenBy : $"{report.ConfigFile} ({report.ConfigChosenBy})")}");
        await output.WriteLineAsync($"precedence   --provider/--model of a run > the config file > built-in defaults");
        await output.WriteLineAsync($"data         {Text(report.DataDirectory)} ({report.DataDirectorySource})");
        await output.WriteLineAsync($"store        {Text(report.Store)}");
        await output.WriteLineAsync($"sandbox      {report.Sandbox} — {Text(report.SandboxDetail)}");
        await output.WriteLineAsync($"credentials  {string.Join(" · ", report.Credentials.Select(c => $"{c.Name} {(c.Set ? "set" : "not set")}"))}");
        var width = ConfigReportBuilder.Fields.Max(f => f.Length);
        foreach (var agent in report.Agents)
        {
            await output.WriteLineAsync();
            await output.WriteLineAsync($"{Text(agent.Id)} ({Text(agent.Name)})");
            foreach (var (field, setting) in agent.Settings)
            {
                var value = Text(Show(field, setting.Value));
                await output.WriteLineAsync($"  {field.PadRight(width)}  {value.PadRight(ValueWidth)}  {Text(setting.Source)}");
            }
        }

        await WriteSectionAsync(output, "gates (QA and Security, for new projects)", report.Gates, "on");
        await output.WriteLineAsync();
        await output.WriteLineAsync($"memory       {(report.Memory.Value?.GetValue<bool>() == true ? "on" : "off")} — {Text(report.MemoryStore)} ({Text(report.Memory.Source)})");
        await WriteSectionAsync(output, "performance watch (alerts)", report.Performance, "off");
        await output.FlushAsync();
    }

    private static async Task WriteSectionAsync(TextWriter output, string title, IReadOnlyDictionary<string, ConfigSetting> settings, string nullText)
    {
        await output.WriteLineAsync();
        await output.WriteLineAsync(title);
        var width = settings.Keys.Max(k => k.Length);
        foreach (var (field, setting) in settings)
        {
            var value = setting.Value switch
            {
                null => nullText,
                JsonValue v when v.TryGetValue<bool>(out var flag) => flag ? "on" : "off",
                var v => v.ToString(),
            };
            await output.WriteLineAsync($"  {field.PadRight(width)}  {Text(value).PadRight(ValueWidth)}  {Text(setting.Source)}");
        }
    }

    private static string Show(string field, JsonNode? value) => value switch
    {
        null => field == "model" ? "(the backend's default)" : "-",
        JsonArray { Count: 0 } => "(none)",
        JsonArray items => string.Join(", ", items.Select(i => i?.ToString())),
        _ => value.ToString(),
    };

    private static string Text(string text) => TerminalText.EscapeLine(text);
}

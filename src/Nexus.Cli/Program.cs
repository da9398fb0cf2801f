using System.CommandLine;
using Nexus.Cli.Commands;

// The `nexus` command. Thin on purpose: each command lives in Commands/ and only wires options to the engine.
var root = new RootCommand("NEXUS — a durable multi-agent orchestrator.")
{
    EngineSampleCommand.Create(),
};

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    // Bad usage: one line that says what is wrong, exit code 2 (the shell convention for usage errors).
    // An unknown word says more than the missing command it causes, so it wins.
    var error = parsed.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal)) ?? parsed.Errors[0];
    await Console.Error.WriteLineAsync($"nexus: {error.Message.TrimEnd('.')} (see 'nexus --help')");
    return 2;
}

return await parsed.InvokeAsync();

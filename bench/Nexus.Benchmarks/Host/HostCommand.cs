namespace Nexus.Benchmarks.Host;

/// <summary>The <c>host</c> subcommand: parses its options (a one-line message and exit code 2 on bad input) and runs
/// <see cref="HostBenchmark"/>.</summary>
internal static class HostCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        HostBenchOptions options;
        try
        {
            options = HostBenchOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            await error.WriteLineAsync(e.Message);
            await error.WriteLineAsync(HostBenchOptions.Usage);
            return 2;
        }

        await HostBenchmark.RunAsync(options, output);
        return 0;
    }
}

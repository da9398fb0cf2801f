using Nexus.Benchmarks.Engine;

namespace Nexus.Benchmarks;

/// <summary>Entry point: <c>dotnet run -c Release --project bench/Nexus.Benchmarks -- compare [--quick]</c> (every stack, one
/// table), <c>-- live [--projects N] [--tools N]</c> (tool use in a claude turn → SSE), <c>-- engine [options]</c>, <c>-- workflow [--runs N]</c>, <c>-- host [options]</c>, or <c>-- list [--projects N] [--runs N]</c> (the dashboard's project list over many projects); <c>compare-child</c> is
/// the in-process test host's process of the compare run; <c>engine-worker</c> is the worker process the engine benchmark starts for <c>--workers N</c>.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && string.Equals(args[0], "workflow", StringComparison.Ordinal))
        {
            var runs = args.Length > 2 && args[1] == "--runs" && int.TryParse(args[2], System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 5;
            await Workflow.WorkflowBenchmark.RunAsync(runs, Console.Out);
            return 0;
        }

        if (args.Length > 0 && string.Equals(args[0], "compare", StringComparison.Ordinal))
        {
            try
            {
                return await Compare.CompareBenchmark.RunAsync(Compare.CompareOptions.Parse(args.AsSpan(1)), Console.Out);
            }
            catch (ArgumentException e)
            {
                await Console.Error.WriteLineAsync(e.Message + "\n" + Compare.CompareOptions.Usage);
                return 2;
            }
        }

        if (args.Length > 0 && string.Equals(args[0], Compare.InProcessChild.Command, StringComparison.Ordinal))
        {
            return await Compare.InProcessChild.MainAsync(args[1..], CancellationToken.None);
        }

        if (args.Length > 0 && string.Equals(args[0], "list", StringComparison.Ordinal))
        {
            Host.ListBenchOptions listOptions;
            try
            {
                listOptions = Host.ListBenchOptions.Parse(args.AsSpan(1));
            }
            catch (ArgumentException e)
            {
                await Console.Error.WriteLineAsync(e.Message + "\n" + Host.ListBenchOptions.Usage);
                return 2;
            }

            await Host.ListBenchmark.RunAsync(listOptions, Console.Out);
            return 0;
        }

        if (args.Length > 0 && string.Equals(args[0], "live", StringComparison.Ordinal))
        {
            try
            {
                return await Live.LiveActivityBenchmark.RunAsync(Live.LiveBenchOptions.Parse(args.AsSpan(1)), Console.Out);
            }
            catch (ArgumentException e)
            {
                await Console.Error.WriteLineAsync(e.Message + "\n" + Live.LiveBenchOptions.Usage);
                return 2;
            }
        }

        if (args.Length > 0 && string.Equals(args[0], "host", StringComparison.Ordinal))
        {
            return await Host.HostCommand.RunAsync(args.AsSpan(1).ToArray(), Console.Out, Console.Error);
        }

        var worker = args.Length > 0 && string.Equals(args[0], "engine-worker", StringComparison.Ordinal);
        if (args.Length == 0 || (!worker && !string.Equals(args[0], "engine", StringComparison.Ordinal)))
        {
            await Console.Error.WriteLineAsync(EngineBenchOptions.Usage);
            return 2;
        }

        EngineBenchOptions options;
        try
        {
            options = EngineBenchOptions.Parse(args.AsSpan(1));
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            await Console.Error.WriteLineAsync(EngineBenchOptions.Usage);
            return 2;
        }

        if (worker)
        {
            return await EngineWorkerCommand.RunAsync(options, CancellationToken.None);
        }

        await EngineBenchmark.RunAsync(options, Console.Out);
        return 0;
    }
}

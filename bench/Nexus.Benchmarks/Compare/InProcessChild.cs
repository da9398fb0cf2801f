using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;
using Nexus.Benchmarks.Workflows;
using Nexus.Compatibility.Backends;

namespace Nexus.Benchmarks.Compare;

/// <summary>Microsoft's in-process test host runs in a process of its own with <c>DOTNET_PROCESSOR_COUNT=1024</c>:
/// at its defaults it waits 500 ms whenever <c>ProcessorCount</c> work items are in flight (PACKAGES.md), and the
/// setting must not change the thread pool and GC of the process that measures NEXUS.</summary>
internal static class InProcessChild
{
    public const string Command = "compare-child";

    public const string Name = "Microsoft in-process test host (memory)";

    /// <summary>Runs the workloads in the child and returns its result lines.</summary>
    public static async Task<IReadOnlyList<JsonObject>> RunAsync(bool quick, TextWriter log, CancellationToken cancellationToken)
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("The benchmark's own executable is unknown.");
        var info = new ProcessStartInfo(host) { RedirectStandardOutput = true, UseShellExecute = false };
        if (string.Equals(Path.GetFileNameWithoutExtension(host), "dotnet", StringComparison.Ordinal))
        {
            info.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        }

        info.ArgumentList.Add(Command);
        if (quick)
        {
            info.ArgumentList.Add("--quick");
        }

        info.Environment["DOTNET_PROCESSOR_COUNT"] = "1024";
        info.Environment["Logging__LogLevel__Default"] = "Warning"; // the test host's ASP.NET Core sidecar logs every request at Information
        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the in-process host's benchmark process.");
        var results = new List<JsonObject>();
        while (await process.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith('{'))
            {
                results.Add(JsonNode.Parse(line)!.AsObject());
            }
            else
            {
                await log.WriteLineAsync("  [in-process host] " + line);
            }
        }

        await process.WaitForExitAsync(cancellationToken);
        return process.ExitCode == 0 ? results : throw new InvalidOperationException($"The in-process host's benchmark process exited with {process.ExitCode}.");
    }

    /// <summary>The child: starts the test host, runs the workloads, prints one JSON object per line.</summary>
    public static async Task<int> MainAsync(string[] args, CancellationToken cancellationToken)
    {
        var quick = args.Length > 0 && args[0] == "--quick";
        var sizes = quick ? StackSizes.Quick : StackSizes.Full;
        await using var stack = await BackendStack.StartAsync(Name, new MicrosoftInProcessBackend(BenchWorkflows.Register), pollEvery: null, cancellationToken);
        foreach (var result in await StackWorkloads.RunAllAsync(stack, sizes, cancellationToken))
        {
            result["processor_count"] = Environment.ProcessorCount;
            Console.WriteLine(result.ToJsonString());
        }

        return 0;
    }
}

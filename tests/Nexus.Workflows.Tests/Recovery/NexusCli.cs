using System.Diagnostics;
using System.Runtime.InteropServices;
using Nexus.Workflows.Hosting;
using Nexus.Workflows.Tests.Support;
using Nexus.Hosting;

namespace Nexus.Workflows.Tests.Recovery;

/// <summary>Runs the real <c>nexus</c> program (<c>dotnet nexus.dll</c>, built with the tests) on one data directory, from
/// one working directory, with the replay scenarios of the repository and the given extra environment.</summary>
internal sealed class NexusCli(string dataDirectory, string workingDirectory, IReadOnlyDictionary<string, string?>? environment = null)
{
    private const string CliProject = "Nexus.Cli";

    private static readonly Lazy<string> _dll = new(FindDll);
    private static readonly Lazy<string> _dotnet = new(FindDotnet);

    public string DataDirectory { get; } = dataDirectory;

    public string WorkingDirectory { get; } = workingDirectory;

    /// <summary>Starts <c>nexus ARGS --data DIR</c> and returns at once.</summary>
    public NexusProcess Start(IReadOnlyList<string> arguments) => NexusProcess.Start(StartInfo(arguments));

    /// <summary>Runs <c>nexus ARGS --data DIR</c> to its end (within <paramref name="timeout"/>).</summary>
    public async Task<NexusProcess> RunAsync(IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var process = Start(arguments);
        try
        {
            await process.WaitForExitAsync(timeout, cancellationToken);
            return process;
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    private ProcessStartInfo StartInfo(IReadOnlyList<string> arguments)
    {
        var info = new ProcessStartInfo(_dotnet.Value) { WorkingDirectory = WorkingDirectory, UseShellExecute = false };
        foreach (var argument in (string[])[_dll.Value, .. arguments, "--data", DataDirectory])
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment[ScenarioLocator.Variable] = WorkflowFixture.SamplesDirectory;
        info.Environment[NexusOptions.DataVariable] = null;
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            info.Environment[name] = value;
        }

        foreach (var name in info.Environment.Where(pair => pair.Value is null).Select(pair => pair.Key).ToList())
        {
            info.Environment.Remove(name);
        }

        return info;
    }

    // tests/Nexus.Workflows.Tests/bin/<Configuration>/<tfm>/ → src/Nexus.Cli/bin/<Configuration>/<tfm>/nexus.dll
    private static string FindDll()
    {
        var baseDirectory = new DirectoryInfo(AppContext.BaseDirectory);
        var tfm = baseDirectory.Name;
        var configuration = baseDirectory.Parent?.Name ?? "Release";
        for (var dir = baseDirectory; dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", CliProject, "bin", configuration, tfm, "nexus.dll");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(
            $"nexus.dll ({configuration}, {tfm}) is not built under src/{CliProject}/bin; it is a ProjectReference of the tests, so build them.");
    }

    private static string FindDotnet()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }

        if (Environment.ProcessPath is { } processPath && Path.GetFileName(processPath) == "dotnet")
        {
            return processPath;
        }

        // <root>/shared/Microsoft.NETCore.App/<version>/ → <root>/dotnet
        var root = new DirectoryInfo(RuntimeEnvironment.GetRuntimeDirectory()).Parent?.Parent?.Parent;
        var candidate = root is null ? null : Path.Combine(root.FullName, "dotnet");
        return candidate is not null && File.Exists(candidate) ? candidate : "dotnet";
    }
}

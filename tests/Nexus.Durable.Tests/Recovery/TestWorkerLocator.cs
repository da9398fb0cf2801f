using System.Runtime.InteropServices;

namespace Nexus.Durable.Tests.Recovery;

/// <summary>Finds the test worker's dll (built with the tests through a ProjectReference) and the dotnet host to run it.</summary>
internal static class TestWorkerLocator
{
    private const string WorkerProject = "Nexus.Durable.TestWorker";

    private static readonly Lazy<string> _dll = new(FindDll);
    private static readonly Lazy<string> _dotnet = new(FindDotnet);

    public static string DllPath => _dll.Value;

    public static string DotnetPath => _dotnet.Value;

    private static string FindDll()
    {
        var baseDirectory = new DirectoryInfo(AppContext.BaseDirectory);
        var beside = Path.Combine(baseDirectory.FullName, WorkerProject + ".dll");
        if (File.Exists(beside))
        {
            return beside;
        }

        // tests/Nexus.Durable.Tests/bin/<Configuration>/<tfm>/ → tests/Nexus.Durable.TestWorker/bin/<Configuration>/<tfm>/
        var tfm = baseDirectory.Name;
        var configuration = baseDirectory.Parent?.Name ?? "Release";
        var tried = new List<string>();
        for (var dir = baseDirectory; dir is not null; dir = dir.Parent)
        {
            var project = Path.Combine(dir.FullName, "tests", WorkerProject);
            if (!Directory.Exists(project))
            {
                continue;
            }

            foreach (var config in new[] { configuration, "Release", "Debug" }.Distinct())
            {
                var candidate = Path.Combine(project, "bin", config, tfm, WorkerProject + ".dll");
                tried.Add(candidate);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new FileNotFoundException(
            $"The test worker is not built. Build the solution (it is a ProjectReference of the tests). Looked at: {beside}, {string.Join(", ", tried)}");
    }

    private static string FindDotnet()
    {
        var exe = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }

        if (Environment.ProcessPath is { } processPath && Path.GetFileName(processPath) == exe)
        {
            return processPath;
        }

        // <root>/shared/Microsoft.NETCore.App/<version>/ → <root>/dotnet
        var runtime = new DirectoryInfo(RuntimeEnvironment.GetRuntimeDirectory());
        var root = runtime.Parent?.Parent?.Parent;
        var candidate = root is null ? null : Path.Combine(root.FullName, exe);
        return candidate is not null && File.Exists(candidate) ? candidate : exe;
    }
}

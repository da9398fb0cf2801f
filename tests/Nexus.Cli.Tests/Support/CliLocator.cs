using System.Runtime.InteropServices;

namespace Nexus.Cli.Tests.Support;

/// <summary>Finds the built CLI (<c>src/Nexus.Cli/bin/&lt;configuration&gt;/&lt;tfm&gt;/nexus.dll</c>, built with the tests
/// through the ProjectReference) and the dotnet host that runs it.</summary>
internal static class CliLocator
{
    private static readonly Lazy<string> _dll = new(FindDll);
    private static readonly Lazy<string> _dotnet = new(FindDotnet);

    public static string DllPath => _dll.Value;

    public static string DotnetPath => _dotnet.Value;

    private static string FindDll()
    {
        var baseDirectory = new DirectoryInfo(AppContext.BaseDirectory);
        var tfm = baseDirectory.Name;
        var configuration = baseDirectory.Parent?.Name ?? "Release";
        var tried = new List<string>();
        for (var dir = baseDirectory; dir is not null; dir = dir.Parent)
        {
            var project = Path.Combine(dir.FullName, "src", "Nexus.Cli");
            if (!Directory.Exists(project))
            {
                continue;
            }

            foreach (var config in new[] { configuration, "Release", "Debug" }.Distinct())
            {
                var candidate = Path.Combine(project, "bin", config, tfm, "nexus.dll");
                tried.Add(candidate);
                if (File.Exists(candidate) && File.Exists(Path.ChangeExtension(candidate, ".runtimeconfig.json")))
                {
                    return candidate;
                }
            }
        }

        throw new FileNotFoundException($"The CLI is not built (it is a ProjectReference of the tests). Looked at: {string.Join(", ", tried)}");
    }

    private static string FindDotnet()
    {
        var exe = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
        {
            return host;
        }

        if (Environment.ProcessPath is { } processPath && Path.GetFileName(processPath) == exe)
        {
            return processPath;
        }

        // <root>/shared/Microsoft.NETCore.App/<version>/ → <root>/dotnet
        var root = new DirectoryInfo(RuntimeEnvironment.GetRuntimeDirectory()).Parent?.Parent?.Parent;
        var candidate = root is null ? null : Path.Combine(root.FullName, exe);
        return candidate is not null && File.Exists(candidate) ? candidate : exe;
    }
}

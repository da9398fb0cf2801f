using System.Reflection;

namespace Nexus.Infra.Tests.Support;

/// <summary>The Bicep CLI from the Azure.Bicep.CommandLine.linux-x64 package (the path comes from the project file's
/// assembly metadata <c>BicepCli</c>).</summary>
internal static class BicepCli
{
    private static readonly Lazy<string> ExecutablePath = new(Locate);

    /// <summary>The <c>bicep</c> program, executable.</summary>
    public static string Path => ExecutablePath.Value;

    /// <summary>Runs <c>bicep</c> with the arguments.</summary>
    public static Task<ProcessResult> RunAsync(params string[] arguments) =>
        ProcessRun.RunAsync(Path, arguments, timeout: TimeSpan.FromMinutes(5), environment: new Dictionary<string, string>
        {
            // Bicep needs no ICU for what these tests do; a machine without libicu must not stop it.
            ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1",
        });

    private static string Locate()
    {
        var path = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == "BicepCli")?.Value;
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
        {
            throw new FileNotFoundException(
                $"The Bicep CLI was not found at '{path}': restore tests/Nexus.Infra.Tests (package Azure.Bicep.CommandLine.linux-x64).");
        }

        // NuGet's extraction does not always keep the executable bit.
        var mode = File.GetUnixFileMode(path);
        const UnixFileMode execute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        if ((mode & UnixFileMode.UserExecute) == 0)
        {
            File.SetUnixFileMode(path, mode | execute);
        }

        return path;
    }
}

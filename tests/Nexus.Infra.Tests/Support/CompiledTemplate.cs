using System.Text.Json;

namespace Nexus.Infra.Tests.Support;

/// <summary><c>bicep build infra/main.bicep</c>, run once for all tests: its diagnostics and the ARM JSON it wrote.</summary>
internal static class CompiledTemplate
{
    private static readonly Lazy<Task<(ProcessResult Build, ArmTemplate? Main)>> Compiled = new(CompileAsync);

    /// <summary>The build's result (exit code and diagnostics).</summary>
    public static async Task<ProcessResult> BuildAsync() => (await Compiled.Value).Build;

    /// <summary>The compiled main template; throws with the diagnostics when the build failed.</summary>
    public static async Task<ArmTemplate> MainAsync()
    {
        var (build, main) = await Compiled.Value;
        return main ?? throw new InvalidOperationException($"bicep build infra/main.bicep failed: {build}");
    }

    private static async Task<(ProcessResult, ArmTemplate?)> CompileAsync()
    {
        var output = Path.Combine(Path.GetTempPath(), $"nexus-infra-{Guid.NewGuid():N}.json");
        try
        {
            var build = await BicepCli.RunAsync("build", Repository.PathOf("infra/main.bicep"), "--outfile", output);
            if (build.ExitCode != 0 || !File.Exists(output))
            {
                return (build, null);
            }

            using var document = JsonDocument.Parse(await File.ReadAllTextAsync(output));
            return (build, new ArmTemplate("main", document.RootElement.Clone()));
        }
        finally
        {
            File.Delete(output);
        }
    }
}

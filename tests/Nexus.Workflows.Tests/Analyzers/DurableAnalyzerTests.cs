using System.Diagnostics;
using System.Xml.Linq;
using Nexus.Testing;
using Shouldly;
using Xunit;

namespace Nexus.Workflows.Tests.Analyzers;

/// <summary>Microsoft.DurableTask.Analyzers is the only guard against a non-durable await in an orchestrator (the SDK's
/// runner does not detect one: the instance just stalls). These tests build a real project with the analyzer at the versions
/// this repository pins and the workflow project's settings (its diagnostics as errors).</summary>
public sealed class DurableAnalyzerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Build_OrchestratorAwaitsTaskDelay_FailsWithDurable0003()
    {
        var (exitCode, output) = await BuildAsync("""
            using Microsoft.DurableTask;

            public sealed class Sleepy : TaskOrchestrator<string, string>
            {
                public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
                {
                    await Task.Delay(TimeSpan.FromSeconds(1));
                    return input;
                }
            }
            """);

        exitCode.ShouldNotBe(0, output);
        output.ShouldContain("error DURABLE0003");
        output.ShouldContain("Orchestrator.cs(7,");
    }

    [Fact]
    public async Task Build_OrchestratorUsesADurableTimer_Succeeds()
    {
        var (exitCode, output) = await BuildAsync("""
            using Microsoft.DurableTask;

            public sealed class Patient : TaskOrchestrator<string, string>
            {
                public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
                {
                    await context.CreateTimer(TimeSpan.FromSeconds(1), CancellationToken.None);
                    return input;
                }
            }
            """);

        exitCode.ShouldBe(0, output);
    }

    private static async Task<(int ExitCode, string Output)> BuildAsync(string orchestrator)
    {
        var root = RepositoryRoot.Find();
        var versions = XDocument.Load(Path.Combine(root, "Directory.Packages.props")).Descendants("PackageVersion")
            .ToDictionary(e => (string)e.Attribute("Include")!, e => (string)e.Attribute("Version")!, StringComparer.Ordinal);
        var directory = Directory.CreateTempSubdirectory("nexus-analyzer-");
        try
        {
            // The workflow project's rule: warnings (the analyzer's diagnostics included) are errors.
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "Probe.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <ImplicitUsings>enable</ImplicitUsings>
                    <Nullable>enable</Nullable>
                    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="Microsoft.DurableTask.Abstractions" Version="{versions["Microsoft.DurableTask.Abstractions"]}" />
                    <PackageReference Include="Microsoft.DurableTask.Analyzers" Version="{versions["Microsoft.DurableTask.Analyzers"]}" PrivateAssets="all" />
                    <!-- As the repository pins them: DurableTask.Core asks for System.Reactive 4.4.1, which is not served. -->
                    <PackageReference Include="System.Reactive.Core" Version="{versions["System.Reactive.Core"]}" />
                    <PackageReference Include="System.Reactive.Compatibility" Version="{versions["System.Reactive.Compatibility"]}" />
                  </ItemGroup>
                </Project>
                """, Ct);
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "Orchestrator.cs"), orchestrator, Ct);
            var start = new ProcessStartInfo("dotnet", ["build", "-nologo", "-v", "q", "-tl:off", "-clp:NoSummary"])
            {
                WorkingDirectory = directory.FullName,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.Environment["DOTNET_NOLOGO"] = "1";
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync(Ct);
            var stderr = process.StandardError.ReadToEndAsync(Ct);
            await process.WaitForExitAsync(Ct);
            return (process.ExitCode, await stdout + await stderr);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}

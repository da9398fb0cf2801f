using Nexus.Agents.Processes;
using Nexus.Agents.Quality;
using Nexus.Agents.Sandboxing;
using Nexus.Agents.Tests.Testing;
using Xunit;

namespace Nexus.Agents.Tests.Quality;

/// <summary>One real coverlet run, shared by <see cref="DotnetQualityGateTests"/> (a cold <c>dotnet test</c> takes a
/// minute): a class library with two methods of hand-counted complexity and an xunit project that covers part of it,
/// measured inside the bubblewrap sandbox with a new, empty home, so NuGet restores there as it does for a project.</summary>
public sealed class DotnetQualityFixture : IAsyncLifetime
{
    /// <summary>The test command the measurer runs under coverage.</summary>
    public const string TestCommand = "dotnet test Calc.Tests/Calc.Tests.csproj";

    // Lines coverlet counts: Twice 6-8; Grade 11-14, 17-19, 22-24, 27, 28 (the braces of an if are not sequence points).
    // Complexity: Twice 1; Grade 1 + 3 ifs = 4.
    private const string Pricing = """
        namespace Calc;

        public static class Pricing
        {
            public static int Twice(int x)
            {
                return 2 * x;
            }

            public static string Grade(int score)
            {
                if (score >= 90)
                {
                    return "A";
                }

                if (score >= 75)
                {
                    return "B";
                }

                if (score >= 50)
                {
                    return "C";
                }

                return "F";
            }
        }

        """;

    // Runs Twice and Grade's first branch only.
    private const string PricingTests = """
        using Calc;
        using Xunit;

        namespace Calc.Tests;

        public sealed class PricingTests
        {
            [Fact]
            public void Twice_Doubles() => Assert.Equal(4, Pricing.Twice(2));

            [Fact]
            public void Grade_High_IsA() => Assert.Equal("A", Pricing.Grade(95));
        }

        """;

    private const string Library = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
          </PropertyGroup>
        </Project>

        """;

    private readonly TestWorkspace _workspace = new(
        ("Directory.Build.props", "<Project />\n"),
        ("Calc/Calc.csproj", Library),
        ("Calc/Pricing.cs", Pricing),
        ("Calc.Tests/Calc.Tests.csproj", TestProject(withCoverlet: true)),
        ("Calc.Tests/PricingTests.cs", PricingTests));

    private readonly TestWorkspace _home = new();

    private LanguageMeasurement _measurement = new();

    /// <summary>The workspace that was measured.</summary>
    public string Directory => _workspace.Directory;

    /// <summary>The workspace's files after the run.</summary>
    public IReadOnlyList<string> FilesAfter { get; private set; } = [];

    /// <summary>The xunit project, with or without a <c>coverlet.collector</c> reference (all packages from the machine's folder).</summary>
    public static string TestProject(bool withCoverlet) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <IsPackable>false</IsPackable>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="Microsoft.NET.Test.Sdk" Version="18.0.1" />
            <PackageReference Include="xunit" Version="2.9.3" />
            <PackageReference Include="xunit.runner.visualstudio" Version="3.1.5" />
            {(withCoverlet ? "<PackageReference Include=\"coverlet.collector\" Version=\"6.0.4\" />" : string.Empty)}
          </ItemGroup>
          <ItemGroup>
            <ProjectReference Include="../Calc/Calc.csproj" />
          </ItemGroup>
        </Project>

        """;

    /// <summary>The gate's report on the measurement with <paramref name="thresholds"/>.</summary>
    public QualityReport Check(QualityThresholds thresholds) => QualityGate.Check([_measurement], [], thresholds);

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        var path = Environment.GetEnvironmentVariable("PATH");
        var layout = HostLayout.Discover(path, Environment.GetEnvironmentVariable("HOME"), [], []);
        var sandbox = new BubblewrapSandbox(
            ExecutableLocator.Resolve("bwrap", "/", path ?? string.Empty), layout, new SandboxScope { WritablePaths = [Directory], HomeDirectory = _home.Directory });
        _measurement = await new DotnetMeasurer(new ProcessRunner())
            .MeasureAsync(Directory, [.. SourceTree.Files(Directory)], TestCommand, sandbox, TestContext.Current.CancellationToken);
        FilesAfter = [.. System.IO.Directory.EnumerateFiles(Directory, "*", SearchOption.AllDirectories)];
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _workspace.Dispose();
        _home.Dispose();
        return ValueTask.CompletedTask;
    }
}

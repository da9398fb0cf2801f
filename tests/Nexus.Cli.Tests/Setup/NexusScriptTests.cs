using System.Diagnostics;
using Shouldly;
using Xunit;

namespace Nexus.Cli.Tests.Setup;

/// <summary>The checkout's <c>./nexus</c> script, run on a copy of the checkout's layout with a stand-in <c>dotnet</c>
/// (the real build takes minutes): a first run says it builds and shows the projects as they are built, a run with
/// nothing changed prints nothing of its own, and the command's own stdout is left alone.</summary>
public sealed class NexusScriptTests : IDisposable
{
    // Prints what `dotnet build -v minimal` prints per project, and creates the program; as the program, echoes its arguments.
    private const string FakeDotnet = """
        #!/usr/bin/env bash
        if [[ "$1" == build ]]; then
          echo "  Determining projects to restore..."
          echo "  Nexus.Agents -> $FAKE_ROOT/src/Nexus.Agents/bin/Release/net10.0/Nexus.Agents.dll"
          echo "  Nexus.Cli -> $FAKE_ROOT/src/Nexus.Cli/bin/Release/net10.0/nexus.dll"
          mkdir -p "$FAKE_ROOT/src/Nexus.Cli/bin/Release/net10.0"
          touch "$FAKE_ROOT/src/Nexus.Cli/bin/Release/net10.0/nexus.dll"
          exit 0
        fi
        shift
        echo "program: $*"
        """;

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("nexus-script-");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public async Task FirstRun_SaysItBuildsAndListsProjects_ThenAnUpToDateRunPrintsNothingExtra()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var script = Layout();

        var first = await RunAsync(script, "demo", "--json");
        var second = await RunAsync(script, "demo", "--json");

        first.ExitCode.ShouldBe(0, first.Stderr);
        first.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldBe(
            ["Building NEXUS (first run, about a minute)…", "  Nexus.Agents", "  Nexus.Cli"]);
        first.Stdout.ShouldBe("program: demo --json\n");
        second.ExitCode.ShouldBe(0, second.Stderr);
        second.Stderr.ShouldBeEmpty();
        second.Stdout.ShouldBe("program: demo --json\n");
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private string Layout()
    {
        var checkout = FindCheckout();
        var script = Path.Combine(_root.FullName, "nexus");
        File.Copy(Path.Combine(checkout, "nexus"), script);
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Directory.CreateDirectory(Path.Combine(_root.FullName, "src", "Nexus.Cli"));
        File.WriteAllText(Path.Combine(_root.FullName, "src", "Nexus.Cli", "Nexus.Cli.csproj"), "<Project />");
        Directory.CreateDirectory(Path.Combine(_root.FullName, "samples"));
        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props", "global.json", ".editorconfig" })
        {
            File.WriteAllText(Path.Combine(_root.FullName, file), string.Empty);
        }

        var bin = Directory.CreateDirectory(Path.Combine(_root.FullName, "fake-bin")).FullName;
        var dotnet = Path.Combine(bin, "dotnet");
        File.WriteAllText(dotnet, FakeDotnet.ReplaceLineEndings("\n") + "\n");
        File.SetUnixFileMode(dotnet, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return script;
    }

    private async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo(script) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PATH"] = $"{Path.Combine(_root.FullName, "fake-bin")}:/usr/local/bin:/usr/bin:/bin";
        start.Environment["FAKE_ROOT"] = _root.FullName;
        start.Environment["NEXUS_UNSANDBOXED"] = "1"; // no bubblewrap install step
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await stdout, await stderr);
    }

    private static string FindCheckout()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "nexus")) && File.Exists(Path.Combine(dir.FullName, "global.json")))
            {
                return dir.FullName;
            }
        }

        throw new FileNotFoundException("The checkout's nexus script was not found above the test output directory.");
    }
}

using System.Diagnostics;
using Nexus.Agents.Processes;
using Shouldly;
using Xunit;

namespace Nexus.Agents.Tests.Processes;

public sealed class ProcessRunnerTests
{
    private const string MarkerName = "NEXUS_PROCESS_TEST_MARKER";

    private readonly ProcessRunner _runner = new();

    private static ProcessSpec Shell(string script, string? marker = null) => new()
    {
        FileName = "sh",
        Arguments = ["-c", script],
        WorkingDirectory = Path.GetTempPath(),
        Environment = marker is null ? new Dictionary<string, string?>() : new Dictionary<string, string?> { [MarkerName] = marker },
    };

    [Fact]
    public async Task RunAsync_ShellScript_CapturesStdoutStderrAndExitCode()
    {
        var outcome = await _runner.RunAsync(Shell("echo out; echo err >&2; exit 3"), TestContext.Current.CancellationToken);

        outcome.ExitCode.ShouldBe(3);
        outcome.Stdout.ShouldBe("out\n");
        outcome.Stderr.ShouldBe("err\n");
        outcome.TimedOut.ShouldBeFalse();
        outcome.OutputTruncated.ShouldBeFalse();
        outcome.Duration.ShouldBeGreaterThan(TimeSpan.Zero);
    }

    [Fact]
    public async Task RunAsync_ArgumentsWithSpacesAndQuotes_ArePassedVerbatim()
    {
        var spec = new ProcessSpec
        {
            FileName = "printf",
            Arguments = ["%s|", "a b", "'c'", "$HOME", "\"d\"", ""],
            WorkingDirectory = Path.GetTempPath(),
        };

        var outcome = await _runner.RunAsync(spec, TestContext.Current.CancellationToken);

        outcome.Stdout.ShouldBe("a b|'c'|$HOME|\"d\"||");
    }

    [Fact]
    public async Task RunAsync_AwkwardArguments_ArriveExactlyAsGiven()
    {
        // A prompt handed to an agent CLI carries newlines, quotes, backslashes and anything else; CliWrap joins the
        // arguments into one string that .NET splits again, so the round trip must be exact.
        string[] awkward =
        [
            "line 1\nline 2", "tab\there", "back\\slash", "trailing\\", "\\\"quoted\\\"", "a \\\" b", "   ", "é 漢字 🚀", "--flag=\"x y\"", "",
        ];
        var spec = new ProcessSpec
        {
            FileName = "printf",
            Arguments = ["%s\\0", .. awkward],
            WorkingDirectory = Path.GetTempPath(),
        };

        var outcome = await _runner.RunAsync(spec, TestContext.Current.CancellationToken);

        outcome.Stdout.Split('\0')[..^1].ShouldBe(awkward);
    }

    [Fact]
    public async Task RunAsync_WorkingDirectory_IsUsed()
    {
        var directory = Directory.CreateTempSubdirectory("nexus-proc-").FullName;
        try
        {
            var spec = new ProcessSpec { FileName = "pwd", WorkingDirectory = directory };
            var outcome = await _runner.RunAsync(spec, TestContext.Current.CancellationToken);
            outcome.Stdout.Trim().ShouldBe(directory);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task RunAsync_EnvironmentOverrides_SetAndRemoveVariables()
    {
        System.Environment.GetEnvironmentVariable("HOME").ShouldNotBeNull();
        var spec = new ProcessSpec
        {
            FileName = "env",
            WorkingDirectory = Path.GetTempPath(),
            Environment = new Dictionary<string, string?> { ["NEXUS_TEST_FOO"] = "bar baz", ["HOME"] = null },
        };

        var lines = (await _runner.RunAsync(spec, TestContext.Current.CancellationToken)).Stdout.Split('\n');

        lines.ShouldContain("NEXUS_TEST_FOO=bar baz");
        lines.ShouldNotContain(line => line.StartsWith("HOME=", StringComparison.Ordinal));
        lines.ShouldContain(line => line.StartsWith("PATH=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_WithoutInheritedEnvironment_KeepsOnlyTheBasicsAndOverrides()
    {
        var spec = new ProcessSpec
        {
            FileName = "env",
            WorkingDirectory = Path.GetTempPath(),
            InheritEnvironment = false,
            Environment = new Dictionary<string, string?> { ["ONLY_THIS"] = "1" },
        };

        var outcome = await _runner.RunAsync(spec, TestContext.Current.CancellationToken);

        var names = outcome.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split('=')[0]).ToList();
        names.ShouldContain("PATH");
        names.ShouldContain("ONLY_THIS");
        string[] allowed = [.. Nexus.Agents.Sandboxing.AgentEnvironment.BasicNames, "HOME", "TMPDIR", "ONLY_THIS"];
        names.ShouldAllBe(name => allowed.Contains(name));
    }

    [Fact]
    public async Task RunAsync_ProgramReadingStdin_SeesEndOfFileInsteadOfHanging()
    {
        var spec = new ProcessSpec { FileName = "cat", WorkingDirectory = Path.GetTempPath(), Timeout = TimeSpan.FromSeconds(20) };

        var outcome = await _runner.RunAsync(spec, TestContext.Current.CancellationToken);

        outcome.TimedOut.ShouldBeFalse();
        outcome.ExitCode.ShouldBe(0);
        outcome.Stdout.ShouldBeEmpty();
    }

    [Fact]
    public async Task RunAsync_Timeout_KillsShellAndItsBackgroundGrandchildren()
    {
        var marker = Guid.NewGuid().ToString("N");
        var spec = Shell("sleep 100 & (sleep 100 &) ; echo ready; sleep 100", marker) with { Timeout = TimeSpan.FromMilliseconds(700) };
        var watch = Stopwatch.StartNew();

        var outcome = await _runner.RunAsync(spec, TestContext.Current.CancellationToken);

        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
        outcome.TimedOut.ShouldBeTrue();
        outcome.ExitCode.ShouldNotBe(0);
        outcome.Stdout.ShouldBe("ready\n");
        (await ProcessTable.SurvivorsAfterAsync(MarkerName, marker, TimeSpan.FromSeconds(5))).ShouldBeEmpty();
    }

    [Fact]
    public async Task RunAsync_ProgramExitsLeavingBackgroundChild_ReturnsPromptlyAndKillsTheChild()
    {
        var marker = Guid.NewGuid().ToString("N");
        var watch = Stopwatch.StartNew();

        var outcome = await _runner.RunAsync(Shell("sleep 100 & echo started", marker), TestContext.Current.CancellationToken);

        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
        outcome.ExitCode.ShouldBe(0);
        outcome.TimedOut.ShouldBeFalse();
        outcome.Stdout.ShouldBe("started\n");
        (await ProcessTable.SurvivorsAfterAsync(MarkerName, marker, TimeSpan.FromSeconds(5))).ShouldBeEmpty();
    }

    [Fact]
    public async Task RunAsync_ChildThatLeftTheGroupHoldsTheOutput_ReturnsAfterTheGracePeriod()
    {
        // setsid puts the sleep in a session of its own, out of reach of the group kill, with our stdout still open.
        var marker = Guid.NewGuid().ToString("N");
        var watch = Stopwatch.StartNew();
        try
        {
            var outcome = await _runner.RunAsync(Shell("setsid sleep 60 & echo done", marker), TestContext.Current.CancellationToken);

            watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(15));
            outcome.ExitCode.ShouldBe(0);
            outcome.Stdout.ShouldBe("done\n");
        }
        finally
        {
            foreach (var pid in ProcessTable.WithEnvironmentMarker(MarkerName, marker))
            {
                Process.GetProcessById(pid).Kill();
            }
        }
    }

    [Fact]
    public async Task RunAsync_Cancelled_KillsTreeAndThrows()
    {
        var marker = Guid.NewGuid().ToString("N");
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var spec = Shell("sleep 100 & echo ready; sleep 100", marker) with
        {
            OnStdoutLine = line =>
            {
                if (line == "ready")
                {
                    cancellation.Cancel();
                }
            },
        };
        var watch = Stopwatch.StartNew();

        await Should.ThrowAsync<OperationCanceledException>(() => _runner.RunAsync(spec, cancellation.Token));

        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
        (await ProcessTable.SurvivorsAfterAsync(MarkerName, marker, TimeSpan.FromSeconds(5))).ShouldBeEmpty();
    }

    [Fact]
    public async Task RunAsync_AlreadyCancelled_ThrowsWithoutStarting()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => _runner.RunAsync(Shell("exit 0"), cancellation.Token));
    }

    [Fact]
    public async Task RunAsync_OutputOverLimit_IsCappedAndFlagged()
    {
        var spec = Shell("head -c 300000 /dev/zero | tr '\\0' a; echo tail >&2") with { OutputLimitBytes = 1000 };

        var outcome = await _runner.RunAsync(spec, TestContext.Current.CancellationToken);

        outcome.ExitCode.ShouldBe(0);
        outcome.Stdout.Length.ShouldBe(1000);
        outcome.Stdout.ShouldAllBe(c => c == 'a');
        outcome.Stderr.ShouldBe("tail\n");
        outcome.OutputTruncated.ShouldBeTrue();
    }

    [Fact]
    public async Task RunAsync_MultiByteOutputOverLimit_NeverSplitsACharacter()
    {
        var spec = Shell("printf 'ééééé'") with { OutputLimitBytes = 5 };

        var outcome = await _runner.RunAsync(spec, TestContext.Current.CancellationToken);

        outcome.Stdout.ShouldBe("éé");
        outcome.OutputTruncated.ShouldBeTrue();
    }

    [Fact]
    public async Task RunAsync_LineCallbacks_ReceiveEachLineWithoutLineEndings()
    {
        var stdoutLines = new List<string>();
        var stderrLines = new List<string>();
        var spec = Shell("printf 'a\\nb\\r\\nc'; printf 'e1\\ne2\\n' >&2") with
        {
            OnStdoutLine = stdoutLines.Add,
            OnStderrLine = stderrLines.Add,
            OutputLimitBytes = 2,
        };

        var outcome = await _runner.RunAsync(spec, TestContext.Current.CancellationToken);

        stdoutLines.ShouldBe(["a", "b", "c"]);
        stderrLines.ShouldBe(["e1", "e2"]);
        outcome.Stdout.ShouldBe("a\n");
    }

    [Fact]
    public async Task RunAsync_LineCallbackThrows_ExceptionSurfacesAfterTheProcessEnds()
    {
        var spec = Shell("echo one; echo two") with { OnStdoutLine = _ => throw new InvalidDataException("bad line") };

        var error = await Should.ThrowAsync<InvalidDataException>(() => _runner.RunAsync(spec, TestContext.Current.CancellationToken));

        error.Message.ShouldBe("bad line");
    }

    [Fact]
    public async Task RunAsync_MissingProgram_ThrowsFileNotFoundNamingIt()
    {
        var spec = new ProcessSpec { FileName = "nexus-no-such-program-42", WorkingDirectory = Path.GetTempPath() };

        var error = await Should.ThrowAsync<FileNotFoundException>(() => _runner.RunAsync(spec, TestContext.Current.CancellationToken));

        error.FileName.ShouldBe("nexus-no-such-program-42");
        error.Message.ShouldContain("nexus-no-such-program-42");
    }

    [Fact]
    public async Task RunAsync_MissingProgramPath_ThrowsFileNotFound()
    {
        var spec = new ProcessSpec { FileName = "./bin/nothing-here", WorkingDirectory = Path.GetTempPath() };

        await Should.ThrowAsync<FileNotFoundException>(() => _runner.RunAsync(spec, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task RunAsync_MissingWorkingDirectory_ThrowsDirectoryNotFound()
    {
        var spec = new ProcessSpec { FileName = "true", WorkingDirectory = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N")) };

        await Should.ThrowAsync<DirectoryNotFoundException>(() => _runner.RunAsync(spec, TestContext.Current.CancellationToken));
    }
}

using Nexus.Agents.Processes;
using Nexus.Agents.Sandboxing;
using Shouldly;
using Xunit;

namespace Nexus.Agents.Tests.Sandboxing;

/// <summary>The real bubblewrap (installed by scripts/deps.sh) around real programs: what a sandboxed step can and cannot see.</summary>
public sealed class BubblewrapSandboxTests : IDisposable
{
    private const string Canary = "CANARY-7f3e9c1d";

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("nexus-sandbox-test-");
    private readonly ProcessRunner _runner = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private string Data => Path.Combine(_root.FullName, "data");

    private string Workspace => Path.Combine(Data, "projects", "p1", "workspace");

    private string Home => Path.Combine(Data, "projects", "p1", "home");

    private string FakeUserHome => Path.Combine(_root.FullName, "user");

    public BubblewrapSandboxTests()
    {
        Directory.CreateDirectory(Workspace);
        Directory.CreateDirectory(Home);
        Write(Path.Combine(Data, "api-key"), $"nexus-key-{Canary}");
        Write(Path.Combine(Data, "nexus.db"), Canary);
        Write(Path.Combine(Data, "projects", "p2", "workspace", "secret.txt"), Canary);
        Write(Path.Combine(FakeUserHome, ".ssh", "id_rsa"), Canary);
        Write(Path.Combine(FakeUserHome, ".cargo", "credentials.toml"), Canary);
        Write(Path.Combine(FakeUserHome, ".cargo", "bin", "mytool"), "#!/bin/sh\necho mytool-ran\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path.Combine(FakeUserHome, ".cargo", "bin", "mytool"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public async Task Apply_Program_SeesItsWorkspaceHomeAndToolchainsButNothingElse()
    {
        var sandbox = Sandbox();

        var outcome = await RunAsync(sandbox, """
            echo written > result.txt
            echo home > "$HOME/note.txt"
            echo tmp > /tmp/t.txt && cat /tmp/t.txt
            "$USERHOME/.cargo/bin/mytool"
            node --version >/dev/null && echo node-ok
            for f in "$DATA/api-key" "$DATA/nexus.db" "$DATA/projects/p2/workspace/secret.txt" "$USERHOME/.ssh/id_rsa" "$USERHOME/.ssh" /etc/shadow /etc/ssh; do
              if cat "$f" 2>/dev/null || ls "$f" >/dev/null 2>&1; then echo "VISIBLE $f"; else echo "hidden $f"; fi
            done
            cat "$USERHOME/.cargo/credentials.toml"; echo "credentials-end"
            echo "pid $$"
            echo "user home: $(ls -A "$USERHOME" | tr '\n' ' ')"
            echo "root: $(ls -A /root 2>/dev/null | tr '\n' ' ')"
            """);

        outcome.ExitCode.ShouldBe(0, outcome.Stderr);
        outcome.Stdout.ShouldNotContain(Canary);
        outcome.Stdout.ShouldNotContain("VISIBLE", customMessage: outcome.Stdout + outcome.Stderr);
        outcome.Stdout.ShouldContain("mytool-ran", customMessage: "a toolchain on PATH under the home directory stays usable");
        outcome.Stdout.ShouldContain("node-ok");
        outcome.Stdout.ShouldContain("tmp");
        outcome.Stdout.ShouldContain("pid 2", customMessage: "the sandbox has its own PID namespace");
        Line(outcome.Stdout, "user home: ").ShouldBe(".cargo", "of a home directory only the toolchains on PATH are visible");
        var toolchainsInRoot = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':')
            .Where(p => p.StartsWith("/root/", StringComparison.Ordinal)).Select(p => p.Split('/')[2]).ToHashSet(StringComparer.Ordinal);
        Line(outcome.Stdout, "root: ").Split(' ', StringSplitOptions.RemoveEmptyEntries).ShouldAllBe(name => toolchainsInRoot.Contains(name));
        File.ReadAllText(Path.Combine(Workspace, "result.txt")).ShouldBe("written\n");
        File.ReadAllText(Path.Combine(Home, "note.txt")).ShouldBe("home\n");
        File.Exists("/tmp/t.txt").ShouldBeFalse("the sandbox's /tmp is private");
    }

    [Fact]
    public async Task Apply_HostEnvironment_OnlyTheBasicsAndTheSpecsOwnVariablesPass()
    {
        var name = $"NEXUS_SANDBOX_CANARY_{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(name, Canary);
        try
        {
            var outcome = await RunAsync(Sandbox(), "env", new Dictionary<string, string?> { ["OWN_SETTING"] = "given" });

            outcome.ExitCode.ShouldBe(0, outcome.Stderr);
            outcome.Stdout.ShouldNotContain(Canary);
            outcome.Stdout.ShouldContain("OWN_SETTING=given");
            outcome.Stdout.ShouldContain($"HOME={Home}\n");
            outcome.Stdout.ShouldContain("TMPDIR=/tmp\n");
            outcome.Stdout.ShouldContain("PATH=");
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public async Task Apply_StartingThreadEnds_ProgramKeepsRunning()
    {
        // --die-with-parent fires when the THREAD that forked bwrap ends: start from a thread that ends at once.
        Task<ProcessOutcome>? running = null;
        var starter = new Thread(() => running = _runner.RunAsync(Sandbox().Apply(Shell("sleep 1; echo survived")), Token));
        starter.Start();
        starter.Join();

        var outcome = await running!;

        outcome.ExitCode.ShouldBe(0, outcome.Stderr);
        outcome.Stdout.ShouldBe("survived\n");
    }

    [Fact]
    public async Task Apply_RecordFile_NamesTheRunningSandboxUntilItEnds()
    {
        var record = Path.Combine(_root.FullName, "running", "step.pid");
        var sandbox = Sandbox(record);
        var marker = Path.Combine(Workspace, "started");

        var running = _runner.RunAsync(sandbox.Apply(Shell("touch started; sleep 600")), Token);
        await WaitUntilAsync(() => File.Exists(marker) && File.Exists(record));

        ProcessRecord.KillRecorded(record).ShouldBeTrue("an earlier attempt's sandbox is killed before the step runs again");
        var outcome = await running.WaitAsync(TimeSpan.FromSeconds(10), Token);
        outcome.ExitCode.ShouldNotBe(0);
        File.Exists(record).ShouldBeFalse();
        ProcessRecord.KillRecorded(record).ShouldBeFalse("nothing is recorded any more");
    }

    [Fact]
    public async Task Apply_ReadOnlyPathInsideTheWorkspace_IsReadableButCannotBeChanged()
    {
        var git = Path.Combine(Workspace, ".git");
        Write(Path.Combine(git, "config"), "[core]\n\tbare = false\n");
        var sandbox = Sandbox(readOnly: [git, Path.Combine(Workspace, "missing")]);

        var outcome = await RunAsync(sandbox, """
            grep -c bare .git/config
            printf '[filter "x"]\n\tclean = cat /etc/hostname\n' >> .git/config || echo "config refused"
            mkdir -p .git/hooks && echo 'exit 0' > .git/hooks/pre-commit || echo "hook refused"
            rm -rf .git 2>/dev/null; mv .git moved 2>/dev/null; test -f .git/config && echo "still there"
            echo changed > code.txt && echo "workspace writable"
            """);

        outcome.Stdout.ShouldBe("1\nconfig refused\nhook refused\nstill there\nworkspace writable\n", outcome.Stderr);
        outcome.Stderr.ShouldContain("Read-only file system");
        File.ReadAllText(Path.Combine(git, "config")).ShouldBe("[core]\n\tbare = false\n");
        Directory.Exists(Path.Combine(git, "hooks")).ShouldBeFalse();
        File.ReadAllText(Path.Combine(Workspace, "code.txt")).ShouldBe("changed\n");
    }

    [Fact]
    public void HostLayout_HiddenFolderInsideAToolchain_IsCoveredAndPrivateHomeFoldersAreNeverMounted()
    {
        var layout = HostLayout.Discover(
            $"{Path.Combine(FakeUserHome, ".cargo", "bin")}:{Path.Combine(FakeUserHome, ".ssh")}:/usr/bin", FakeUserHome, [FakeUserHome], [Path.Combine(FakeUserHome, ".cargo", "bin")]);

        layout.ReadOnlyRoots.ShouldContain(Path.Combine(FakeUserHome, ".cargo"));
        layout.ReadOnlyRoots.ShouldNotContain(Path.Combine(FakeUserHome, ".ssh"));
        layout.Arguments.ShouldContain(Path.Combine(FakeUserHome, ".cargo", "credentials.toml"));
        string.Join(' ', layout.Arguments).ShouldContain($"--tmpfs {Path.Combine(FakeUserHome, ".cargo", "bin")}");
    }

    private BubblewrapSandbox Sandbox(string? record = null, IReadOnlyList<string>? readOnly = null)
    {
        var options = new SandboxOptions();
        options.HiddenPaths.Add(Data);
        var layout = HostLayout.Discover($"{Path.Combine(FakeUserHome, ".cargo", "bin")}:{Environment.GetEnvironmentVariable("PATH")}", FakeUserHome, [], [Data]);
        new SandboxProvider(options).Status.Available.ShouldBeTrue("bubblewrap must start here (scripts/deps.sh installs it)");
        return new BubblewrapSandbox(ExecutableLocator.Resolve("bwrap", "/", Environment.GetEnvironmentVariable("PATH")), layout, new SandboxScope
        {
            WritablePaths = [Workspace],
            ReadOnlyPaths = readOnly ?? [],
            HomeDirectory = Home,
            RecordFile = record,
        });
    }

    private Task<ProcessOutcome> RunAsync(BubblewrapSandbox sandbox, string script, Dictionary<string, string?>? environment = null)
    {
        var variables = environment ?? [];
        variables["DATA"] = Data;
        variables["USERHOME"] = FakeUserHome;
        return _runner.RunAsync(sandbox.Apply(Shell(script) with { Environment = variables }), Token);
    }

    private ProcessSpec Shell(string script) => new() { FileName = "sh", Arguments = ["-c", script], WorkingDirectory = Workspace, Timeout = TimeSpan.FromMinutes(2) };

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the condition never became true");
            await Task.Delay(20, Token);
        }
    }

    private static string Line(string output, string prefix) =>
        output.Split('\n').Single(line => line.StartsWith(prefix, StringComparison.Ordinal))[prefix.Length..].Trim();

    private static void Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}

using Nexus.Cli.Tests.Support;
using Shouldly;
using Xunit;

namespace Nexus.Cli.Tests.Commands;

/// <summary>Bad usage and bad input: exit code 2, one line on stderr that starts with "nexus:", no stack trace, nothing on stdout.</summary>
public sealed class UsageErrorTests : IDisposable
{
    private readonly NexusCli _cli = new();

    public static TheoryData<string[]> BadUsage => new(
        ["frobnicate"],
        ["run"],
        ["run", ""],
        ["run", "   "],
        ["run", new string('x', 20_001)],
        ["run", "x", "--max-iterations", "0"],
        ["run", "x", "--max-iterations", "21"],
        ["run", "x", "--max-iterations", "many"],
        ["run", "x", "--budget-usd", "0"],
        ["run", "x", "--budget-usd", "-5"],
        ["run", "x", "--budget-usd", "lots"],
        ["run", "x", "--model"],
        ["run", "x", "--provider", "gpt"],
        ["run", "x", "--id", "a/b"],
        ["run", "x", "--id", "@entity"],
        ["run", "x", "--frobnicate"],
        ["run", "x", "--scenario", "demo", "--provider", "ollama"],
        ["run", "x", "--provider", "replay", "--scenario", "no-such-scenario"],
        ["demo", "--delay", "-1"],
        ["demo", "--delay", "slow"],
        ["demo", "extra"],
        ["execute"],
        ["execute", "--task", ""],
        ["execute", "build it", "--provider", "replay"],
        ["status", "a#b"],
        ["status", "p-does-not-exist"],
        ["list", "--status", "sleeping"],
        ["history", "p-does-not-exist"],
        ["agents", "p-does-not-exist"],
        ["approve", "p-does-not-exist"],
        ["cancel", "p-does-not-exist"],
        ["purge", "p-does-not-exist"],
        ["resume", "p-does-not-exist"]);

    public void Dispose() => _cli.Dispose();

    [Theory]
    [MemberData(nameof(BadUsage))]
    public async Task Nexus_BadUsage_ExitsWith2AndOneStderrLine(string[] arguments)
    {
        var result = await _cli.RunAsync(arguments);

        result.ExitCode.ShouldBe(2, result.ToString());
        result.StderrLines.Count.ShouldBe(1, result.ToString());
        result.StderrLines[0].ShouldStartWith("nexus: ");
        result.Stderr.ShouldNotContain("   at ");
        result.Stderr.ShouldNotContain("Exception");
        result.Stdout.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("list", "--data", "/etc/passwd")]
    [InlineData("list", "--data", "/etc/passwd/projects")]
    [InlineData("run", "x", "--provider", "replay", "--data", "/proc/nexus-cannot-be-here")]
    [InlineData("run", "x", "--provider", "ollama", "--data", "/tmp/nexus-never-created")]
    [InlineData("run", "x", "--provider", "claude", "--model", "gpt-4.1", "--data", "/tmp/nexus-never-created")]
    [InlineData("run", "x", "--provider", "openai", "--model", "claude-sonnet-4-5", "--data", "/tmp/nexus-never-created")]
    public async Task Nexus_UnusableDataDirectoryOrProviderWithoutModel_ExitsWith2AndSaysWhy(params string[] arguments)
    {
        var result = await _cli.RunRawAsync(arguments);

        result.ExitCode.ShouldBe(2, result.ToString());
        result.StderrLines.Count.ShouldBe(1, result.ToString());
        result.StderrLines[0].ShouldMatch(@"^nexus: (--data: .*(is a file|cannot be a directory|does not exist and cannot be created)|model: provider 'ollama' needs a model|model: '[a-z0-9.-]+' is an (OpenAI|Anthropic) model; provider '(claude|openai)' runs)");
    }

    /// <summary>Every command that takes --data, with a data directory that is a file, that cannot be created (under /proc,
    /// where not even root may add a folder) and that exists but cannot be written (/sys, for writing commands).</summary>
    public static TheoryData<string[]> UnusableDataCases
    {
        get
        {
            string[][] commands =
            [
                ["list"], ["status"], ["status", "p-x"], ["history", "p-x"], ["agents", "p-x"], ["approve", "p-x"], ["cancel", "p-x"],
                ["purge", "p-x"], ["resume", "p-x"], ["retry", "p-x"], ["restart", "p-x"], ["doctor"], ["config"], ["demo"], ["run", "x", "--provider", "replay"],
                ["execute", "--task", "x", "--provider", "replay"], ["submit", "x"], ["serve", "--port", "1"], ["worker"],
            ];
            var data = new TheoryData<string[]>();
            foreach (var command in commands)
            {
                data.Add([.. command, "--data", "/etc/passwd"]);
                data.Add([.. command, "--data", "/proc/nope"]);
            }

            foreach (var writer in new[] { new[] { "demo" }, ["run", "x", "--provider", "replay"], ["submit", "x"] })
            {
                data.Add([.. writer, "--data", "/sys"]);
            }

            return data;
        }
    }

    // Issue 14: "--data /proc/nope" said "Could not find file", "list --data /etc/passwd" was accepted.
    [Theory]
    [MemberData(nameof(UnusableDataCases))]
    public async Task AnyCommand_UnusableDataDirectory_OneLineInTheProductsWordsAndExit2(string[] arguments)
    {
        var result = await _cli.RunRawAsync(arguments);

        result.ExitCode.ShouldBe(2, result.ToString());
        var line = result.StderrLines.ShouldHaveSingleItem(result.ToString());
        line.ShouldMatch(@"^nexus: --data: .*(is a file, not a data directory|does not exist and cannot be created|is not writable)", result.ToString());
        line.ShouldNotContain("Could not find");
        result.Stdout.ShouldBeEmpty();
    }

    // A NUL cannot be passed in an argument at all; every other refused character names the field and its 1-based position.
    [Theory]
    [InlineData("red \u001b[31mtext", "nexus: description: contains a control character (U+001B) at position 5; only newlines and tabs are allowed.")]
    [InlineData("ring\u0007", "nexus: description: contains a control character (U+0007) at position 5; only newlines and tabs are allowed.")]
    [InlineData("a\rb", "nexus: description: contains a carriage return (U+000D) without a newline at position 2; only newlines (\\n or \\r\\n) and tabs are allowed.")]
    [InlineData("\u202egnp.exe", "nexus: description: contains a bidirectional-text control character (U+202E) at position 1; only newlines and tabs are allowed.")]
    public async Task Run_ControlCharacterInTheDescription_Exit2OneLineNamingThePositionAndNoProject(string description, string expected)
    {
        var result = await _cli.RunAsync("run", description, "--provider", "replay", "--id", "ctl-1");
        var status = await _cli.RunAsync("status", "ctl-1");

        result.ExitCode.ShouldBe(2, result.ToString());
        result.StderrLines.ShouldHaveSingleItem(result.ToString()).ShouldBe(expected);
        result.Stdout.ShouldBeEmpty();
        status.ExitCode.ShouldBe(2, "no project was started: " + status);
    }

    [Fact]
    public async Task ReadCommands_UnknownIdAndNoStore_CreateNothing()
    {
        var result = await _cli.RunAsync("status", "p-nothing-here");

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Stderr.ShouldContain("no project with id 'p-nothing-here'");
        Directory.Exists(_cli.DataDirectory).ShouldBeFalse();
    }

    [Fact]
    public async Task List_EmptyDataDirectory_PrintsAnEmptyJsonList()
    {
        var result = await _cli.RunAsync("list", "--json");

        result.ExitCode.ShouldBe(0, result.ToString());
        using var json = System.Text.Json.JsonDocument.Parse(result.Stdout);
        json.RootElement.GetProperty("projects").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Help_ListsEveryCommand()
    {
        var result = await _cli.RunRawAsync(["--help"]);

        result.ExitCode.ShouldBe(0, result.ToString());
        foreach (var command in new[] { "run", "execute", "demo", "resume", "retry", "restart", "status", "list", "history", "agents", "approve", "cancel", "purge", "submit", "serve", "worker", "config", "templates", "memory", "doctor", "engine-sample" })
        {
            result.Stdout.ShouldContain($"  {command}");
        }
    }
}

using Nexus.Agents.Abstractions;
using Nexus.Agents.Backends.Claude;
using Shouldly;
using Xunit;

namespace Nexus.Agents.Tests.Backends.Claude;

/// <summary>The arguments and environment of a <c>claude -p</c> run.</summary>
public sealed class ClaudeCommandLineTests
{
    private static readonly AgentDefinition _agent = ClaudeSandbox.Agent("sonnet") with { AllowedTools = ["Read", "Bash(git commit:*)"], MaxTurns = 7 };

    private static ClaudeInvocation Invocation(string prompt = "Do it.") =>
        new(_agent, prompt, "persona", "sonnet", ResumeSessionId: null, Fork: false, Stream: false, OutputSchema: null);

    [Fact]
    public void Arguments_NewSession_HasPrintJsonPersonaModelLimitsToolsAndPromptLast()
    {
        var arguments = ClaudeCommandLine.Arguments(Invocation("--not-an-option"), []);

        arguments.ShouldBe(
        [
            "-p", "--output-format", "json",
            "--append-system-prompt", "persona",
            "--model", "sonnet",
            "--max-turns", "7",
            "--permission-mode", "acceptEdits",
            "--allowedTools", "Read", "Bash(git commit:*)",
            "--", "--not-an-option",
        ]);
        arguments.ShouldNotContain("--dangerously-skip-permissions");
    }

    [Fact]
    public void Arguments_StreamResumeForkAndSchema_AreAdded()
    {
        var arguments = ClaudeCommandLine.Arguments(
            Invocation() with { Stream = true, ResumeSessionId = "s-1", Fork = true, OutputSchema = "{}" }, ["--add-dir", "/data"]);

        arguments.Take(4).ShouldBe(["-p", "--output-format", "stream-json", "--verbose"]);
        string.Join(' ', arguments).ShouldContain("--resume s-1 --fork-session --json-schema {} --add-dir /data --allowedTools");
    }

    [Fact]
    public void Arguments_NoModelNoToolsBlankPermissionMode_UseTheDefaults()
    {
        var agent = _agent with { AllowedTools = [], PermissionMode = " ", MaxTurns = 0 };

        var arguments = ClaudeCommandLine.Arguments(Invocation() with { Agent = agent, Model = null, SystemPrompt = null }, []);

        arguments.ShouldBe(["-p", "--output-format", "json", "--permission-mode", "acceptEdits", "--", "Do it."]);
    }

    [Fact]
    public void Environment_AlwaysKeepsTheCliQuietAndAppliesOptionsLast()
    {
        var options = new ClaudeCodeOptions { ConfigDirectory = "/cfg", MaxApiRetries = 1, ApiTimeout = TimeSpan.FromSeconds(2.5) };
        options.Environment["ANTHROPIC_BASE_URL"] = "http://127.0.0.1:9";
        options.Environment["DISABLE_AUTOUPDATER"] = "0";

        var environment = ClaudeCommandLine.Environment(options, _agent);

        environment["DISABLE_TELEMETRY"].ShouldBe("1");
        environment["DISABLE_ERROR_REPORTING"].ShouldBe("1");
        environment["CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"].ShouldBe("1");
        environment["DISABLE_AUTOUPDATER"].ShouldBe("0");
        environment["CLAUDE_CONFIG_DIR"].ShouldBe("/cfg");
        environment["CLAUDE_CODE_MAX_RETRIES"].ShouldBe("1");
        environment["API_TIMEOUT_MS"].ShouldBe("2500");
        environment["ANTHROPIC_BASE_URL"].ShouldBe("http://127.0.0.1:9");
        environment.ContainsKey("IS_SANDBOX").ShouldBeFalse();
    }

    [Fact]
    public void Environment_BypassPermissions_SetsIsSandbox()
    {
        var environment = ClaudeCommandLine.Environment(new ClaudeCodeOptions(), _agent with { PermissionMode = "bypassPermissions" });

        environment["IS_SANDBOX"].ShouldBe("1");
    }

    [Fact]
    public void PersonaPrompt_Build_HasNameRoleAndNonEmptySections()
    {
        var prompt = PersonaPrompt.Build(_agent);

        prompt.ShouldStartWith("# You are Aria, the Architect of a NEXUS agent team\nYour agent id is `aria`.");
        prompt.ShouldContain("## Core traits\n- Precise\n- Curious");
        prompt.ShouldContain("## Communication style\nShort and concrete.");
        prompt.ShouldContain("## Instructions\nWrite the plan to aria_to_code.md when asked.");
        prompt.ShouldNotContain("## Strengths");
        prompt.ShouldNotContain("## Decision making");
    }

    [Fact]
    public void SeededPrompt_WithSeed_PutsTheSeedBeforeThePrompt()
    {
        var prompt = ClaudeCodeBackend.SeededPrompt("  seed text ", "the task");

        prompt.IndexOf("seed text", StringComparison.Ordinal).ShouldBeLessThan(prompt.IndexOf("the task", StringComparison.Ordinal));
        prompt.ShouldContain("expired");
        ClaudeCodeBackend.SeededPrompt(null, "the task").ShouldBe("the task");
    }

    [Fact]
    public void ResolveExecutable_FollowsConfiguredThenVariableThenPathThenRepositoryLocal()
    {
        var root = Directory.CreateTempSubdirectory("nexus-claude-resolve-").FullName;
        try
        {
            var bin = Directory.CreateDirectory(Path.Combine(root, "bin")).FullName;
            var local = Path.Combine(root, ClaudeCodeOptions.RepositoryLocalExecutable);
            Directory.CreateDirectory(Path.GetDirectoryName(local)!);
            File.WriteAllText(local, string.Empty);
            var nested = Directory.CreateDirectory(Path.Combine(root, "src", "app")).FullName;

            ClaudeExecutable.Resolve("/opt/claude", "/env/claude", bin, [nested]).ShouldBe("/opt/claude");
            ClaudeExecutable.Resolve(null, "/env/claude", bin, [nested]).ShouldBe("/env/claude");
            ClaudeExecutable.Resolve(null, null, bin, [nested]).ShouldBe(local);
            File.WriteAllText(Path.Combine(bin, "claude"), string.Empty);
            ClaudeExecutable.Resolve(null, null, bin, [nested]).ShouldBe(Path.Combine(bin, "claude"));
            ClaudeExecutable.Resolve(null, null, null, [Path.GetTempPath()]).ShouldBeNull();
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}

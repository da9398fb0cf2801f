using System.Text.Json;
using Nexus.Cli.Tests.Support;
using Shouldly;
using Xunit;

namespace Nexus.Cli.Tests.Setup;

/// <summary>The agent configuration file as the real <c>nexus</c> sees it: <c>--config</c>, <c>NEXUS_CONFIG</c>, the current
/// directory's <c>nexus.agents.yaml</c>, <c>nexus config</c>, <c>doctor</c> and the start banner.</summary>
public sealed class ConfigurationTests : IDisposable
{
    private const string CodeOnOpenAI = """
        agents:
          code:
            backend: openai
            model: gpt-4.1
            timeout: 10m
        """;

    private const string EveryAgentOnReplay = """
        agents:
          prime: { backend: replay }
          aria: { backend: replay }
          code: { backend: replay }
          alpha: { backend: replay }
          beta: { backend: replay }
        """;

    private readonly NexusCli _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Config_NoFile_ShowsTheBuiltInsWithBuiltInProvenance()
    {
        var result = await _cli.RunAsync("config");

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Stdout.ShouldContain("config file  none: built-in agents");
        result.Stdout.ShouldContain($"data         {_cli.DataDirectory} (--data)");
        result.Stdout.ShouldContain("sandbox      ");
        result.Stdout.ShouldContain("OPENAI_API_KEY not set");
        var code = Section(result.Stdout, "code (Code)");
        code.ShouldContain(l => l.StartsWith("  backend ", StringComparison.Ordinal) && l.Contains("claude") && l.EndsWith("built-in", StringComparison.Ordinal));
        code.ShouldContain(l => l.StartsWith("  model ", StringComparison.Ordinal) && l.Contains("(the backend's default)"));
        code.ShouldContain(l => l.StartsWith("  permission_mode ", StringComparison.Ordinal) && l.Contains("acceptEdits"));
    }

    [Fact]
    public async Task Config_FileInTheCurrentDirectory_NamesTheFileAndLineOfEachOverriddenField()
    {
        var file = Write("nexus.agents.yaml", CodeOnOpenAI);

        var result = await _cli.RunAsync("config");

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Stdout.ShouldContain($"config file  {file} (the current directory)");
        var code = Section(result.Stdout, "code (Code)");
        code.ShouldContain(l => l.StartsWith("  backend ", StringComparison.Ordinal) && l.Contains("openai") && l.EndsWith($"{file}:3", StringComparison.Ordinal));
        code.ShouldContain(l => l.StartsWith("  model ", StringComparison.Ordinal) && l.Contains("gpt-4.1") && l.EndsWith($"{file}:4", StringComparison.Ordinal));
        code.ShouldContain(l => l.StartsWith("  timeout ", StringComparison.Ordinal) && l.Contains("10m") && l.EndsWith($"{file}:5", StringComparison.Ordinal));
        code.ShouldContain(l => l.StartsWith("  max_turns ", StringComparison.Ordinal) && l.EndsWith("built-in", StringComparison.Ordinal));
        Section(result.Stdout, "aria (Aria)").ShouldContain(l => l.StartsWith("  backend ", StringComparison.Ordinal) && l.EndsWith("built-in", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Config_ConfigOption_WinsOverTheCurrentDirectorysFile()
    {
        Write("nexus.agents.yaml", CodeOnOpenAI);
        var other = Write("other.yaml", "agents:\n  beta:\n    max_retries: 7\n");

        var result = await _cli.RunAsync("config", "--config", "other.yaml");

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Stdout.ShouldContain($"config file  {other} (--config)");
        Section(result.Stdout, "beta (Beta)").ShouldContain(l => l.StartsWith("  max_retries ", StringComparison.Ordinal) && l.Contains('7') && l.EndsWith($"{other}:3", StringComparison.Ordinal));
        Section(result.Stdout, "code (Code)").ShouldContain(l => l.StartsWith("  backend ", StringComparison.Ordinal) && l.Contains("claude") && l.EndsWith("built-in", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Config_NexusConfigVariable_IsTheFileWithoutTheOption()
    {
        var chosen = Write("chosen.yaml", "agents:\n  alpha:\n    model: gpt-4.1-mini\n");

        var result = await _cli.RunAsync(["config"], new Dictionary<string, string?> { ["NEXUS_CONFIG"] = chosen });

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Stdout.ShouldContain($"config file  {chosen} ($NEXUS_CONFIG)");
        Section(result.Stdout, "alpha (Alpha)").ShouldContain(l => l.StartsWith("  model ", StringComparison.Ordinal) && l.Contains("gpt-4.1-mini") && l.EndsWith($"{chosen}:3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Config_MissingConfigFile_Exits2WithOneLineNamingTheFile()
    {
        var result = await _cli.RunAsync("config", "--config", "missing.yaml");

        result.ExitCode.ShouldBe(2, result.ToString());
        result.StderrLines.Count.ShouldBe(1, result.ToString());
        result.StderrLines[0].ShouldBe($"nexus: --config: the agent configuration file '{Path.Combine(_cli.WorkingDirectory, "missing.yaml")}' does not exist");
        result.Stdout.ShouldBeEmpty();
    }

    [Fact]
    public async Task Run_InvalidConfigFile_Exits2WithTheFileAgentFieldAndLine()
    {
        var bad = Write("bad.yaml", "agents:\n  code:\n    max_turns: lots\n");

        var result = await _cli.RunAsync("run", "A calculator", "--config", "bad.yaml");

        result.ExitCode.ShouldBe(2, result.ToString());
        result.StderrLines.Count.ShouldBe(1, result.ToString());
        result.StderrLines[0].ShouldStartWith($"nexus: Invalid agent configuration in '{bad}' (line 3): agent 'code', field 'max_turns'");
        Directory.Exists(_cli.DataDirectory).ShouldBeFalse();
    }

    [Fact]
    public async Task Config_GatesSection_ShowsEachGateWithItsFileLine_AndTheVariablesOverIt()
    {
        var file = Write("nexus.agents.yaml", "gates:\n  qa: true\n  security: false\n  code_coverage_threshold: 70\n");

        var result = await _cli.RunAsync(["config"], new Dictionary<string, string?> { ["NEXUS_MAX_COMPLEXITY"] = "13", ["NEXUS_MAX_AGENT_TURN_MEMORY_MB"] = "512" });

        result.ExitCode.ShouldBe(0, result.ToString());
        var gates = Section(result.Stdout, "gates (QA and Security, for new projects)");
        gates.ShouldContain(l => l.StartsWith("  qa ", StringComparison.Ordinal) && l.Contains(" on ") && l.EndsWith($"{file}:2", StringComparison.Ordinal));
        gates.ShouldContain(l => l.StartsWith("  security ", StringComparison.Ordinal) && l.Contains(" off ") && l.EndsWith($"{file}:3", StringComparison.Ordinal));
        gates.ShouldContain(l => l.StartsWith("  code_coverage_threshold ", StringComparison.Ordinal) && l.Contains(" 70 ") && l.EndsWith($"{file}:4", StringComparison.Ordinal));
        gates.ShouldContain(l => l.StartsWith("  complexity_threshold ", StringComparison.Ordinal) && l.Contains(" 13 ") && l.EndsWith("$NEXUS_MAX_COMPLEXITY", StringComparison.Ordinal));
        var watch = Section(result.Stdout, "performance watch (alerts)");
        watch.ShouldContain(l => l.StartsWith("  max_test_run_memory_mb ", StringComparison.Ordinal) && l.Contains(" off ") && l.EndsWith("built-in", StringComparison.Ordinal));
        watch.ShouldContain(l => l.StartsWith("  max_agent_turn_memory_mb ", StringComparison.Ordinal) && l.Contains(" 512 ") && l.EndsWith("$NEXUS_MAX_AGENT_TURN_MEMORY_MB", StringComparison.Ordinal));
        watch.ShouldContain(l => l.StartsWith("  max_agent_turn_cpu_seconds ", StringComparison.Ordinal) && l.Contains(" off ") && l.EndsWith("built-in", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Config_Memory_ShowsOnOffWhereItIsAndWhy()
    {
        var defaults = await _cli.RunAsync("config");
        var off = await _cli.RunAsync(["config"], new Dictionary<string, string?> { ["NEXUS_MEMORY"] = "off" });
        var json = await _cli.RunAsync(["config", "--json"], new Dictionary<string, string?> { ["NEXUS_MEMORY"] = "off" });

        defaults.ExitCode.ShouldBe(0, defaults.ToString());
        var memoryFile = Path.Combine(_cli.DataDirectory, "memory.db");
        defaults.Stdout.Split('\n').ShouldContain($"memory       on — SQLite FTS5 ({memoryFile}) (built-in)");
        off.Stdout.Split('\n').ShouldContain($"memory       off — SQLite FTS5 ({memoryFile}) ($NEXUS_MEMORY)");
        File.Exists(memoryFile).ShouldBeFalse("showing the configuration creates nothing");
        using var document = JsonDocument.Parse(json.Stdout);
        document.RootElement.GetProperty("memory").GetProperty("value").GetBoolean().ShouldBeFalse();
        document.RootElement.GetProperty("memory").GetProperty("source").GetString().ShouldBe("$NEXUS_MEMORY");
        document.RootElement.GetProperty("memoryStore").GetString().ShouldBe($"SQLite FTS5 ({memoryFile})");
    }

    [Fact]
    public async Task Run_InvalidGatesSection_Exits2WithTheFileFieldAndLine()
    {
        var bad = Write("gates.yaml", "agents:\n  code: { backend: replay }\ngates:\n  complexity_threshold: 0\n");

        var result = await _cli.RunAsync("run", "A calculator", "--config", "gates.yaml");

        result.ExitCode.ShouldBe(2, result.ToString());
        result.StderrLines.Count.ShouldBe(1, result.ToString());
        result.StderrLines[0].ShouldStartWith($"nexus: Invalid agent configuration in '{bad}' (line 4): field 'gates.complexity_threshold'");
        Directory.Exists(_cli.DataDirectory).ShouldBeFalse();
    }

    [Fact]
    public async Task Config_Json_ParsesWithValuesAndSources()
    {
        var file = Write("nexus.agents.yaml", CodeOnOpenAI);

        var result = await _cli.RunAsync(["config", "--json"], new Dictionary<string, string?> { ["OPENAI_API_KEY"] = "sk-test-never-printed" });

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Stdout.ShouldNotContain("sk-test-never-printed");
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        root.GetProperty("configFile").GetString().ShouldBe(file);
        root.GetProperty("dataDirectory").GetString().ShouldBe(_cli.DataDirectory);
        root.GetProperty("sandbox").GetString().ShouldNotBeNullOrEmpty();
        var credentials = root.GetProperty("credentials").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("set").GetBoolean());
        credentials["OPENAI_API_KEY"].ShouldBeTrue();
        credentials["ANTHROPIC_API_KEY"].ShouldBeFalse();
        var agents = root.GetProperty("agents").EnumerateArray().ToList();
        agents.Select(a => a.GetProperty("id").GetString()).ShouldBe(["prime", "aria", "code", "alpha", "beta"]);
        var code = agents[2].GetProperty("settings");
        code.GetProperty("backend").GetProperty("value").GetString().ShouldBe("openai");
        code.GetProperty("backend").GetProperty("source").GetString().ShouldBe($"{file}:3");
        code.GetProperty("max_retries").GetProperty("value").GetInt32().ShouldBe(3);
        code.GetProperty("max_retries").GetProperty("source").GetString().ShouldBe("built-in");
        code.GetProperty("allowed_tools").GetProperty("value").EnumerateArray().Select(t => t.GetString()).ShouldContain("Bash");
        agents[0].GetProperty("settings").GetProperty("model").GetProperty("value").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task Doctor_NamesTheConfigurationFileInUse()
    {
        var none = await _cli.RunAsync("doctor");
        none.Stdout.ShouldContain("config ", Case.Sensitive, none.ToString());
        none.Stdout.Split('\n').ShouldContain(l => l.Contains(" config ") && l.Contains("none: built-in agents"));

        var file = Write("nexus.agents.yaml", CodeOnOpenAI);
        var some = await _cli.RunAsync("doctor");
        some.Stdout.Split('\n').ShouldContain(l => l.StartsWith("ok", StringComparison.Ordinal) && l.Contains(" config ") && l.Contains($"{file} (the current directory)"), some.ToString());
    }

    [Fact]
    public async Task Demo_Banner_StillNamesTheReplayProvider()
    {
        Write("nexus.agents.yaml", CodeOnOpenAI);

        var result = await _cli.RunAsync("demo");

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Stdout.Split('\n')[0].ShouldMatch("^project p-[0-9a-f]+ started · provider: replay \\(scenario demo\\) — recorded turns, no cost$");
    }

    [Fact]
    public async Task Run_FileSendingEveryAgentToReplay_BannerSaysSoAndTheRunCompletesOffline()
    {
        var file = Write("replay.yaml", EveryAgentOnReplay);
        // No claude anywhere (a NEXUS_CLAUDE_PATH that does not exist hides PATH and a repository-local install): the file
        // needs none, so the run starts on the configured backends instead of refusing or falling back to a provider.
        var environment = new Dictionary<string, string?> { ["NEXUS_CLAUDE_PATH"] = Path.Combine(_cli.WorkingDirectory, "no-claude") };

        var result = await _cli.RunAsync(["run", "A tiny calculator", "--config", "replay.yaml"], environment);

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Stdout.Split('\n')[0].ShouldMatch(
            $"^project p-[0-9a-f]+ started · agents: prime, aria, code, alpha, beta → replay from {System.Text.RegularExpressions.Regex.Escape(file)} — the agents' configured backends$");
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_cli.WorkingDirectory, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>The lines of one agent's block of <c>nexus config</c>, from its heading to the next blank line.</summary>
    private static List<string> Section(string stdout, string heading) =>
        [.. stdout.Split('\n').Select(l => l.TrimEnd('\r')).SkipWhile(l => l != heading).Skip(1).TakeWhile(l => l.Length > 0)];
}

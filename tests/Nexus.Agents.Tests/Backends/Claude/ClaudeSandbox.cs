using Nexus.Agents.Abstractions;
using Nexus.Agents.Backends.Claude;
using Nexus.Testing.Claude;

namespace Nexus.Agents.Tests.Backends.Claude;

/// <summary>
/// One test's world: a fake Anthropic API, a workspace, and an isolated <c>CLAUDE_CONFIG_DIR</c> and <c>HOME</c> in a temp folder,
/// with a backend that points the real CLI at the fake and keeps it off the network.
/// </summary>
internal sealed class ClaudeSandbox : IAsyncDisposable
{
    /// <summary>The variable that marks every process a sandbox's CLI starts (see <c>ProcessTable</c>).</summary>
    public const string MarkerVariable = "NEXUS_CLAUDE_TEST_MARKER";

    private ClaudeSandbox(ClaudeCliFixture cli, FakeAnthropicServer server, string root)
    {
        Cli = cli;
        Server = server;
        Root = root;
        Workspace = Directory.CreateDirectory(Path.Combine(root, "workspace")).FullName;
        ConfigDirectory = Directory.CreateDirectory(Path.Combine(root, "config")).FullName;
        Home = Directory.CreateDirectory(Path.Combine(root, "home")).FullName;
    }

    public ClaudeCliFixture Cli { get; }

    public FakeAnthropicServer Server { get; }

    public string Root { get; }

    public string Workspace { get; }

    public string ConfigDirectory { get; }

    public string Home { get; }

    /// <summary>A value unique to this sandbox, set as <see cref="MarkerVariable"/> for every process the CLI starts.</summary>
    public string Marker { get; } = Guid.NewGuid().ToString("N");

    public static async Task<ClaudeSandbox> StartAsync(ClaudeCliFixture cli, CancellationToken cancellationToken)
    {
        var root = Directory.CreateTempSubdirectory("nexus-claude-").FullName;
        var server = await FakeAnthropicServer.StartAsync(cancellationToken);
        return new ClaudeSandbox(cli, server, root);
    }

    /// <summary>Options that run the installed CLI against the fake: no retries, a short API timeout, isolated state.</summary>
    public ClaudeCodeOptions Options()
    {
        var options = new ClaudeCodeOptions
        {
            ExecutablePath = Cli.ExecutablePath,
            ConfigDirectory = ConfigDirectory,
            MaxApiRetries = 0,
            ApiTimeout = TimeSpan.FromSeconds(20),
        };
        options.Environment["ANTHROPIC_BASE_URL"] = Server.BaseAddress.ToString().TrimEnd('/');
        options.Environment["ANTHROPIC_API_KEY"] = "sk-ant-fake-test-key";
        options.Environment["HOME"] = Home;
        options.Environment["NO_PROXY"] = "127.0.0.1,localhost";
        options.Environment[MarkerVariable] = Marker;
        foreach (var variable in (string[])["ANTHROPIC_AUTH_TOKEN", "ANTHROPIC_MODEL", "ANTHROPIC_SMALL_FAST_MODEL", "CLAUDE_CODE_USE_BEDROCK",
                     "CLAUDE_CODE_USE_VERTEX", "CLAUDECODE", "CLAUDE_CODE_ENTRYPOINT", "HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "NEXUS_CLAUDE_PATH"])
        {
            options.Environment[variable] = null;
        }

        return options;
    }

    public ClaudeCodeBackend Backend(Action<ClaudeCodeOptions>? configure = null)
    {
        var options = Options();
        configure?.Invoke(options);
        return new ClaudeCodeBackend(options);
    }

    public static AgentDefinition Agent(string model) => new()
    {
        Id = "aria",
        Name = "Aria",
        Persona = new AgentPersona
        {
            Role = "Architect",
            CoreTraits = ["Precise", "Curious"],
            CommunicationStyle = "Short and concrete.",
            Instructions = "Write the plan to aria_to_code.md when asked.",
        },
        Model = model,
        Timeout = TimeSpan.FromSeconds(60),
        MaxTurns = 5,
    };

    public AgentTurnRequest Request(string model, string prompt, Func<AgentDefinition, AgentDefinition>? agent = null) => new()
    {
        Agent = agent is null ? Agent(model) : agent(Agent(model)),
        Prompt = prompt,
        WorkspacePath = Workspace,
        StepKey = "iter-1/plan",
    };

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A killed process may still be closing a file; the temp folder is cleaned up by the system anyway.
        }
    }
}

using Nexus.Testing.Claude;

namespace Nexus.Server.Tests.Support;

/// <summary>A host whose Code agent runs on the real <c>claude</c> CLI against <paramref name="api"/> (model
/// <c>codeModel</c>), while Aria, Alpha, Beta and Prime replay the demo scenario: real turns where the live activity comes
/// from, cheap turns everywhere else.</summary>
internal sealed class LiveClaudeHost : IAsyncDisposable
{
    private readonly string _configDirectory;

    private LiveClaudeHost(NexusAppFactory factory, string configDirectory)
    {
        Factory = factory;
        _configDirectory = configDirectory;
    }

    public NexusAppFactory Factory { get; }

    public static LiveClaudeHost Create(FakeAnthropicServer api, string claudeExecutable, string codeModel)
    {
        var config = Directory.CreateTempSubdirectory("nexus-live-config-").FullName;
        var yaml = Path.Combine(config, "nexus.agents.yaml");
        File.WriteAllText(yaml, $"""
            agents:
              prime:
                backend: replay
              aria:
                backend: replay
              code:
                backend: claude
                model: {codeModel}
                timeout: 2m
              alpha:
                backend: replay
              beta:
                backend: replay
            """);
        var factory = new NexusAppFactory(configure: options => options.ConfigureRuntime = runtime =>
        {
            runtime.AgentConfigPath = yaml;
            runtime.ClaudeExecutable = claudeExecutable;
            runtime.ClaudeEnvironment["ANTHROPIC_BASE_URL"] = api.BaseAddress.ToString().TrimEnd('/');
            runtime.ClaudeEnvironment["ANTHROPIC_API_KEY"] = "test";
            runtime.ClaudeEnvironment["CLAUDE_CODE_MAX_RETRIES"] = "0";
            runtime.ClaudeEnvironment["API_TIMEOUT_MS"] = "60000";
        });
        _ = factory.Server;
        return new LiveClaudeHost(factory, config);
    }

    /// <summary>The demo project without a provider (so each agent keeps its configured backend) and without a plan gate.</summary>
    public static object Project(string id) => new
    {
        description = "csv2json: convert CSV text to JSON objects",
        id,
        scenario = "demo",
        testCommand = "node --test",
        technology = "Node.js 20",
        approvePlan = false,
    };

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        Factory.DeleteData();
        Directory.Delete(_configDirectory, recursive: true);
    }
}

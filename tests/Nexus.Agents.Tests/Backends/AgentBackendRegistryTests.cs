using Nexus.Agents.Backends;
using Nexus.Agents.Backends.OpenAI;
using Nexus.Agents.Backends.Replay;
using Shouldly;
using Xunit;

namespace Nexus.Agents.Tests.Backends;

public sealed class AgentBackendRegistryTests
{
    private static readonly OpenAICompatibleBackend Ollama = new(OpenAICompatibleBackendOptions.Ollama());
    private static readonly ReplayBackend Replay = new(new ReplayBackendOptions { ScenarioDirectory = "/nonexistent/demo" });

    [Fact]
    public void Get_ByNameIgnoringCase()
    {
        var registry = new AgentBackendRegistry(Ollama, Replay);

        registry.Get("ollama").ShouldBeSameAs(Ollama);
        registry.Get("REPLAY").ShouldBeSameAs(Replay);
        registry.Names.ShouldBe(["ollama", "replay"]);
    }

    [Fact]
    public void Get_Unknown_ListsRegisteredNames()
    {
        var registry = new AgentBackendRegistry(Ollama, Replay);

        Should.Throw<KeyNotFoundException>(() => registry.Get("claude")).Message
            .ShouldBe("No agent backend named 'claude' is registered. Registered: ollama, replay.");
        registry.TryGet("claude", out _).ShouldBeFalse();
    }

    [Fact]
    public void Constructor_DuplicateNames_Throws()
    {
        Should.Throw<ArgumentException>(() => new AgentBackendRegistry(Ollama, new OpenAICompatibleBackend(OpenAICompatibleBackendOptions.Ollama())))
            .Message.ShouldContain("Two backends are named 'ollama'");
    }
}

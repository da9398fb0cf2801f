using Nexus.Cli.Setup;
using Shouldly;
using Xunit;

namespace Nexus.Cli.Tests.Setup;

public sealed class ProviderResolverTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("nexus-provider-");
    private readonly Dictionary<string, string?> _environment = new(StringComparer.Ordinal);

    public void Dispose() => _root.Delete(recursive: true);

    private ProviderResolver Resolver() => new(name => _environment.GetValueOrDefault(name), new ClaudeLocator(name => _environment.GetValueOrDefault(name), [_root.FullName]));

    private string FakeClaude()
    {
        var bin = _root.CreateSubdirectory("bin");
        var claude = Path.Combine(bin.FullName, "claude");
        File.WriteAllText(claude, "#!/bin/sh\n");
        return bin.FullName;
    }

    [Fact]
    public void Resolve_NothingConfigured_ThrowsWithWhatIsMissing()
    {
        var error = Should.Throw<ProviderNotConfiguredException>(() => Resolver().Resolve(null));

        error.Message.ShouldContain("no agent provider is configured");
        error.Message.ShouldContain("OPENAI_API_KEY");
    }

    [Fact]
    public void Resolve_ClaudeOnPath_UsesTheConfiguredBackends()
    {
        _environment["PATH"] = FakeClaude();

        var selection = Resolver().Resolve(null);

        selection.Provider.ShouldBeNull();
        selection.Reason.ShouldContain("claude at");
    }

    [Theory]
    [InlineData("OPENAI_API_KEY", "openai")]
    [InlineData("ANTHROPIC_API_KEY", "anthropic")]
    [InlineData("ANTHROPIC_AUTH_TOKEN", "anthropic")]
    [InlineData("AZURE_OPENAI_ENDPOINT", "azure-openai")]
    public void Resolve_NoClaudeButAKey_UsesThatProvider(string variable, string provider)
    {
        _environment[variable] = "configured-value";

        Resolver().Resolve(null).Provider.ShouldBe(provider);
    }

    [Theory]
    [InlineData("openai", "OPENAI_API_KEY")]
    [InlineData("anthropic", "ANTHROPIC_API_KEY")]
    [InlineData("azure-openai", "AZURE_OPENAI_ENDPOINT")]
    [InlineData("claude", "Claude Code CLI was not found")]
    public void Resolve_ExplicitProviderWithoutItsSettings_Throws(string provider, string expected)
    {
        Should.Throw<ProviderNotConfiguredException>(() => Resolver().Resolve(provider)).Message.ShouldContain(expected);
    }

    [Theory]
    [InlineData("replay")]
    [InlineData("ollama")]
    public void Resolve_ProvidersThatNeedNoKey_AreAccepted(string provider)
    {
        Resolver().Resolve(provider).Provider.ShouldBe(provider);
    }

    [Fact]
    public void Locate_NexusClaudePathThatDoesNotExist_IsNotFoundAndSaysWhy()
    {
        _environment["PATH"] = FakeClaude();
        _environment[ClaudeLocator.PathVariable] = "/nowhere/claude";

        var location = new ClaudeLocator(name => _environment.GetValueOrDefault(name), [_root.FullName]).Locate();

        location.Found.ShouldBeFalse();
        location.Source.ShouldContain("/nowhere/claude");
    }

    [Fact]
    public void Locate_RepositoryLocalInstall_IsFoundFromASubfolder()
    {
        var bin = _root.CreateSubdirectory(".tools/claude/node_modules/.bin");
        File.WriteAllText(Path.Combine(bin.FullName, "claude"), "#!/bin/sh\n");
        var nested = _root.CreateSubdirectory("src/app");

        var location = new ClaudeLocator(_ => null, [nested.FullName]).Locate();

        location.Path.ShouldBe(Path.Combine(bin.FullName, "claude"));
        location.Source.ShouldBe("repository-local install");
    }
}

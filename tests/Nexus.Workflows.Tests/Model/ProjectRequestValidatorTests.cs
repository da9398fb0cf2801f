using Nexus.Workflows.Model;
using Shouldly;
using Xunit;

namespace Nexus.Workflows.Tests.Model;

public sealed class ProjectRequestValidatorTests
{
    [Fact]
    public void Validate_OllamaWithoutModel_RefusedBeforeAnythingStarts()
    {
        var error = Should.Throw<ArgumentException>(() => ProjectRequestValidator.Validate(new ProjectRequest { Description = "x", Provider = "ollama" }));

        error.Message.ShouldStartWith("model: provider 'ollama' needs a model");
    }

    [Theory]
    [InlineData("claude", "gpt-4.1", "model: 'gpt-4.1' is an OpenAI model; provider 'claude' runs Anthropic models (for example claude-sonnet-4-5).")]
    [InlineData("anthropic", "o3-mini", "model: 'o3-mini' is an OpenAI model; provider 'anthropic' runs Anthropic models (for example claude-sonnet-4-5).")]
    [InlineData("openai", "claude-sonnet-4-5", "model: 'claude-sonnet-4-5' is an Anthropic model; provider 'openai' runs OpenAI models (for example gpt-4.1); Anthropic models run on provider 'anthropic' or 'claude'.")]
    [InlineData("OpenAI", "sonnet", "model: 'sonnet' is an Anthropic model; provider 'openai' runs OpenAI models (for example gpt-4.1); Anthropic models run on provider 'anthropic' or 'claude'.")]
    [InlineData("ollama", "gpt-4o", "model: 'gpt-4o' is a hosted OpenAI model; provider 'ollama' runs the models your Ollama has pulled (for example llama3.1).")]
    [InlineData("ollama", "claude-haiku-4-5", "model: 'claude-haiku-4-5' is a hosted Anthropic model; provider 'ollama' runs the models your Ollama has pulled (for example llama3.1).")]
    [InlineData("replay", "gpt-4.1", "model: provider 'replay' plays recorded turns and takes no model (leave out 'gpt-4.1').")]
    public void Validate_ModelOfAnotherProvider_RefusedWithOneLine(string provider, string model, string expected)
    {
        var error = Should.Throw<ArgumentException>(() => ProjectRequestValidator.Validate(new ProjectRequest { Description = "x", Provider = provider, Model = model }));

        error.Message.ShouldStartWith(expected);
        expected.ShouldNotContain('\n');
    }

    [Theory]
    [InlineData("ollama", "llama3.1")]
    [InlineData("ollama", "gpt-oss:20b")]
    [InlineData("openai", null)]
    [InlineData("openai", "gpt-5-mini")]
    [InlineData("openai", "o4-mini")]
    [InlineData("claude", "opus")]
    [InlineData("anthropic", "claude-sonnet-4-5-20250929")]
    [InlineData("azure-openai", "my-deployment")]
    [InlineData("replay", null)]
    [InlineData(null, "gpt-4.1")]
    public void Validate_ProviderWithWhatItNeeds_Accepted(string? provider, string? model) =>
        Should.NotThrow(() => ProjectRequestValidator.Validate(new ProjectRequest { Description = "x", Provider = provider, Model = model }));
}

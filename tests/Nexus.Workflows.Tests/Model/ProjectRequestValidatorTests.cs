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
    [InlineData("ollama", "llama3.1")]
    [InlineData("openai", null)]
    [InlineData("replay", null)]
    public void Validate_ProviderWithWhatItNeeds_Accepted(string provider, string? model) =>
        Should.NotThrow(() => ProjectRequestValidator.Validate(new ProjectRequest { Description = "x", Provider = provider, Model = model }));
}

using Nexus.Infra.Tests.Support;
using Shouldly;
using Xunit;

namespace Nexus.Infra.Tests.Bicep;

/// <summary>Azure OpenAI in the compiled template: an OpenAI account without keys and one model deployment.</summary>
public sealed class AzureOpenAITemplateTests
{
    [Fact]
    public async Task Account_IsKindOpenAI_WithKeysOff_AndACustomSubdomain()
    {
        var account = (await CompiledTemplate.MainAsync()).Modules["openai"].Template.Single("Microsoft.CognitiveServices/accounts");

        account.GetProperty("kind").GetString().ShouldBe("OpenAI");
        account.GetProperty("properties").GetProperty("disableLocalAuth").GetBoolean().ShouldBeTrue();
        account.GetProperty("properties").GetProperty("customSubDomainName").GetString().ShouldBe("[parameters('accountName')]");
    }

    [Fact]
    public async Task Deployment_TakesModelVersionAndCapacityFromParameters()
    {
        var main = await CompiledTemplate.MainAsync();
        var deployment = main.Modules["openai"].Template.Single("Microsoft.CognitiveServices/accounts/deployments");

        var model = deployment.GetProperty("properties").GetProperty("model");
        model.GetProperty("format").GetString().ShouldBe("OpenAI");
        model.GetProperty("name").GetString().ShouldBe("[parameters('modelName')]");
        model.GetProperty("version").GetString().ShouldBe("[parameters('modelVersion')]");
        deployment.GetProperty("sku").GetProperty("capacity").GetString().ShouldBe("[parameters('capacity')]");
        main.ModuleArgument("openai", "modelName").ShouldBe("\"[parameters('openAiModelName')]\"");
        main.ModuleArgument("openai", "modelVersion").ShouldBe("\"[parameters('openAiModelVersion')]\"");
        main.ModuleArgument("openai", "capacity").ShouldBe("\"[parameters('openAiCapacity')]\"");
        main.ModuleArgument("functionapp", "openAiDeploymentName").ShouldBe(main.ModuleArgument("openai", "deploymentName"));
    }
}

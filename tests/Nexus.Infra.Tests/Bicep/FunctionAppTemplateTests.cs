using System.Text.Json;
using System.Text.RegularExpressions;
using Nexus.Infra.Tests.Support;
using Shouldly;
using Xunit;

namespace Nexus.Infra.Tests.Bicep;

/// <summary>The Function App in the compiled template: plan, container, identity and app settings.</summary>
public sealed partial class FunctionAppTemplateTests
{
    [Fact]
    public async Task Plan_IsLinuxElasticPremium()
    {
        var plan = (await FunctionApp()).Single("Microsoft.Web/serverfarms");

        plan.GetProperty("kind").GetString().ShouldBe("elastic");
        plan.GetProperty("sku").GetProperty("tier").GetString().ShouldBe("ElasticPremium");
        plan.GetProperty("properties").GetProperty("reserved").GetBoolean().ShouldBeTrue("reserved = Linux");
    }

    [Fact]
    public async Task Site_RunsTheRegistrysImage_PulledWithTheUserAssignedIdentity()
    {
        var site = (await FunctionApp()).Single("Microsoft.Web/sites");
        var config = site.GetProperty("properties").GetProperty("siteConfig");

        site.GetProperty("kind").GetString().ShouldBe("functionapp,linux,container");
        site.GetProperty("identity").GetProperty("type").GetString().ShouldBe("UserAssigned");
        var image = config.GetProperty("linuxFxVersion").GetString().ShouldNotBeNull();
        image.ShouldStartWith("[format('DOCKER|{0}/{1}:{2}', ");
        image.ShouldContain("parameters('imageRepository'), parameters('imageTag')");
        config.GetProperty("acrUseManagedIdentityCreds").GetBoolean().ShouldBeTrue();
        config.GetProperty("acrUserManagedIdentityID").GetString().ShouldEndWith(".clientId]");
        site.GetProperty("properties").GetProperty("httpsOnly").GetBoolean().ShouldBeTrue();
        site.GetProperty("properties").GetProperty("keyVaultReferenceIdentity").GetString()
            .ShouldBe("[resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', parameters('identityName'))]");
    }

    [Fact]
    public async Task AppSettings_ConnectToStorageWithTheIdentity_NotAConnectionString()
    {
        var settings = AppSettings(await FunctionApp());

        settings["AzureWebJobsStorage__accountName"].ShouldBe("[parameters('storageAccountName')]");
        settings["AzureWebJobsStorage__credential"].ShouldBe("managedidentity");
        settings["AzureWebJobsStorage__clientId"].ShouldBe(
            "[reference(resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', parameters('identityName')), '2023-01-31').clientId]");
        settings.Keys.ShouldNotContain("AzureWebJobsStorage");
        settings.Keys.ShouldNotContain("WEBSITE_CONTENTAZUREFILECONNECTIONSTRING");
        settings.Keys.ShouldNotContain("WEBSITE_CONTENTSHARE");
        settings["WEBSITES_ENABLE_APP_SERVICE_STORAGE"].ShouldBe("false");
    }

    [Fact]
    public async Task AppSettings_NameTheIsolatedWorkerMonitoringAndAzureOpenAI()
    {
        var settings = AppSettings(await FunctionApp());

        settings["FUNCTIONS_WORKER_RUNTIME"].ShouldBe("dotnet-isolated");
        settings["FUNCTIONS_EXTENSION_VERSION"].ShouldBe("~4");
        settings["APPLICATIONINSIGHTS_CONNECTION_STRING"].ShouldContain("Microsoft.Insights/components");
        settings["AZURE_OPENAI_ENDPOINT"].ShouldContain("Microsoft.CognitiveServices/accounts");
        settings["AZURE_OPENAI_DEPLOYMENT"].ShouldBe("[parameters('openAiDeploymentName')]");
        settings["AZURE_CLIENT_ID"].ShouldBe(settings["AzureWebJobsStorage__clientId"]);
        settings.Keys.ShouldNotContain("AZURE_OPENAI_API_KEY", "Azure OpenAI is reached with Entra ID: the account has no key");
    }

    [Fact]
    public async Task AppSettings_SecretsAreKeyVaultReferences()
    {
        var settings = AppSettings(await FunctionApp());

        settings["ANTHROPIC_API_KEY"].ShouldBe(
            "[format('@Microsoft.KeyVault(VaultName={0};SecretName={1})', parameters('keyVaultName'), parameters('anthropicSecretName'))]");
        settings["NEXUS_API_KEY"].ShouldBe(
            "[format('@Microsoft.KeyVault(VaultName={0};SecretName={1})', parameters('keyVaultName'), parameters('nexusApiKeySecretName'))]");
    }

    [Fact]
    public async Task KeyVaultReferences_PointAtTheVaultAndSecretsTheDeploymentWrites()
    {
        var main = await CompiledTemplate.MainAsync();

        main.ModuleArgument("functionapp", "keyVaultName").ShouldBe(main.ModuleArgument("keyvault", "vaultName"));
        main.ModuleArgument("functionapp", "anthropicSecretName").ShouldBe(main.ModuleArgument("keyvault", "anthropicSecretName"));
        main.ModuleArgument("functionapp", "nexusApiKeySecretName").ShouldBe(main.ModuleArgument("keyvault", "nexusApiKeySecretName"));

        var vault = main.Modules["keyvault"].Template;
        var secrets = vault.OfType("Microsoft.KeyVault/vaults/secrets")
            .ToDictionary(s => s.GetProperty("name").GetString()!, s => s.GetProperty("properties").GetProperty("value").GetString());
        secrets["[format('{0}/{1}', parameters('vaultName'), parameters('anthropicSecretName'))]"].ShouldBe("[parameters('anthropicApiKey')]");
        secrets["[format('{0}/{1}', parameters('vaultName'), parameters('nexusApiKeySecretName'))]"].ShouldBe("[parameters('nexusApiKey')]");
        vault.Single("Microsoft.KeyVault/vaults").GetProperty("properties").GetProperty("enableRbacAuthorization").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task NexusSettings_AreVariablesTheCodeReads()
    {
        var settings = AppSettings(await FunctionApp());
        var nexusSettings = settings.Keys.Where(name => name.StartsWith("NEXUS_", StringComparison.Ordinal)).ToList();
        var source = string.Join('\n', Directory.EnumerateFiles(Repository.PathOf("src"), "*.cs", SearchOption.AllDirectories).Select(File.ReadAllText));

        nexusSettings.ShouldContain("NEXUS_API_KEY");
        nexusSettings.ShouldContain("NEXUS_UNSANDBOXED");
        nexusSettings.ShouldAllBe(name => source.Contains($"\"{name}\"", StringComparison.Ordinal));
        settings["NEXUS_UNSANDBOXED"].ShouldBe("[if(parameters('allowUnsandboxedAgents'), '1', '0')]");
    }

    [Fact]
    public async Task WebsitesPort_IsThePortTheImageListensOn()
    {
        var settings = AppSettings(await FunctionApp());
        var dockerfile = Repository.Read("Dockerfile");

        var exposed = ExposedPort().Matches(dockerfile).Select(m => m.Groups["port"].Value).ToList();
        exposed.ShouldHaveSingleItem();
        settings["WEBSITES_PORT"].ShouldBe(exposed[0]);
        dockerfile.ShouldContain($"ASPNETCORE_URLS=http://+:{exposed[0]}");
    }

    private static async Task<ArmTemplate> FunctionApp() => (await CompiledTemplate.MainAsync()).Modules["functionapp"].Template;

    private static Dictionary<string, string> AppSettings(ArmTemplate functionApp)
    {
        var settings = functionApp.Single("Microsoft.Web/sites").GetProperty("properties").GetProperty("siteConfig").GetProperty("appSettings");
        var byName = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var setting in settings.EnumerateArray())
        {
            var value = setting.GetProperty("value");
            byName.Add(setting.GetProperty("name").GetString()!, value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText());
        }

        return byName;
    }

    [GeneratedRegex(@"^EXPOSE\s+(?<port>\d+)\s*$", RegexOptions.Multiline)]
    private static partial Regex ExposedPort();
}

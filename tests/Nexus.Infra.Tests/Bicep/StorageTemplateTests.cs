using Nexus.Infra.Tests.Support;
using Shouldly;
using Xunit;

namespace Nexus.Infra.Tests.Bicep;

/// <summary>The storage account in the compiled template: identity only, the queues and the scratchpads container.</summary>
public sealed class StorageTemplateTests
{
    [Fact]
    public async Task StorageAccount_RefusesSharedKeysAnonymousBlobsAndOldTls()
    {
        var storage = (await CompiledTemplate.MainAsync()).Modules["storage"].Template;
        var properties = storage.Single("Microsoft.Storage/storageAccounts").GetProperty("properties");

        properties.GetProperty("allowSharedKeyAccess").GetBoolean().ShouldBeFalse();
        properties.GetProperty("defaultToOAuthAuthentication").GetBoolean().ShouldBeTrue();
        properties.GetProperty("allowBlobPublicAccess").GetBoolean().ShouldBeFalse();
        properties.GetProperty("supportsHttpsTrafficOnly").GetBoolean().ShouldBeTrue();
        properties.GetProperty("minimumTlsVersion").GetString().ShouldBe("TLS1_2");
    }

    [Fact]
    public async Task Queues_AreTheSubmissionQueueAndItsPoisonQueue()
    {
        var main = await CompiledTemplate.MainAsync();
        var storage = main.Modules["storage"].Template;

        main.Variable("queueNames").EnumerateArray().Select(q => q.GetString())
            .ShouldBe(["nexus-submissions", "nexus-submissions-poison"]);
        main.ModuleArgument("storage", "queueNames").ShouldBe("\"[variables('queueNames')]\"");
        var queues = storage.Single("Microsoft.Storage/storageAccounts/queueServices/queues");
        queues.GetProperty("copy").GetProperty("count").GetString().ShouldBe("[length(parameters('queueNames'))]");
        queues.GetProperty("name").GetString().ShouldBe("[format('{0}/{1}/{2}', parameters('accountName'), 'default', parameters('queueNames')[copyIndex()])]");
    }

    [Fact]
    public async Task BlobContainers_IncludeThePrivateScratchpadsContainer()
    {
        var main = await CompiledTemplate.MainAsync();
        var storage = main.Modules["storage"].Template;

        main.Variable("blobContainerNames").EnumerateArray().Select(c => c.GetString()).ShouldContain("scratchpads");
        main.ModuleArgument("storage", "containerNames").ShouldBe("\"[variables('blobContainerNames')]\"");
        var containers = storage.Single("Microsoft.Storage/storageAccounts/blobServices/containers");
        containers.GetProperty("copy").GetProperty("count").GetString().ShouldBe("[length(parameters('containerNames'))]");
        containers.GetProperty("name").GetString().ShouldBe("[format('{0}/{1}/{2}', parameters('accountName'), 'default', parameters('containerNames')[copyIndex()])]");
        containers.GetProperty("properties").GetProperty("publicAccess").GetString().ShouldBe("None");
    }

    [Fact]
    public async Task NoTemplate_UsesAStorageKeyOrConnectionString()
    {
        var main = await CompiledTemplate.MainAsync();

        foreach (var template in main.SelfAndNested())
        {
            var text = template.Json.GetRawText();
            text.ShouldNotContain("listKeys", Case.Insensitive, template.Name);
            text.ShouldNotContain("AccountKey=", Case.Insensitive, template.Name);
            text.ShouldNotContain("WEBSITE_CONTENTAZUREFILECONNECTIONSTRING", Case.Sensitive, template.Name);
        }
    }
}

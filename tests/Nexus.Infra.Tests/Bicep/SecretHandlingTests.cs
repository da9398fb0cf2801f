using System.Text.RegularExpressions;
using Nexus.Infra.Tests.Support;
using Shouldly;
using Xunit;

namespace Nexus.Infra.Tests.Bicep;

/// <summary>Where the secure parameters go in the compiled template: into Key Vault secrets, nowhere else.</summary>
public sealed class SecretHandlingTests
{
    [Fact]
    public async Task Outputs_AreExactlyTheNonSecretOnes()
    {
        var main = await CompiledTemplate.MainAsync();

        main.Outputs.Keys.ShouldBe(
            ["functionAppName", "functionAppUrl", "storageAccountName", "identityClientId", "registryName", "keyVaultName"],
            ignoreOrder: true);
        main.Outputs.Values.ShouldAllBe(output => output.GetProperty("type").GetString() == "string");
    }

    [Fact]
    public async Task NoOutput_AnywhereUsesASecureParameterAListFunctionOrAConnectionString()
    {
        var main = await CompiledTemplate.MainAsync();

        foreach (var template in main.SelfAndNested())
        {
            foreach (var (name, output) in template.Outputs)
            {
                var value = output.GetProperty("value").GetRawText();
                foreach (var secure in template.SecureParameters)
                {
                    value.ShouldNotContain($"parameters('{secure}')", Case.Sensitive, $"{template.Name}.{name}");
                }

                Regex.IsMatch(value, @"\blist[A-Za-z]*\(").ShouldBeFalse($"{template.Name}.{name}: {value}");
                value.ShouldNotContain("ConnectionString", Case.Insensitive, $"{template.Name}.{name}");
            }
        }
    }

    [Fact]
    public async Task SecureParameters_ReachOnlyTheKeyVaultSecrets()
    {
        var main = await CompiledTemplate.MainAsync();
        main.SecureParameters.ShouldBe(["anthropicApiKey", "nexusApiKey"], ignoreOrder: true);

        // main's own resources, with each module's arguments but not the module's template (checked on its own below).
        var text = string.Join('\n', main.Resources.Select(r =>
            r.GetProperty("type").GetString() == "Microsoft.Resources/deployments"
                ? r.GetProperty("properties").GetProperty("parameters").GetRawText()
                : r.GetRawText()));
        foreach (var secret in main.SecureParameters)
        {
            // In main: only handed to the keyvault module.
            Regex.Count(text, Regex.Escape($"parameters('{secret}')")).ShouldBe(1, secret);
            main.ModuleArgument("keyvault", secret).ShouldBe($"\"[parameters('{secret}')]\"");
        }

        foreach (var template in main.SelfAndNested().Where(t => t.Name != "main"))
        {
            if (template.Name == "keyvault")
            {
                template.SecureParameters.ShouldBe(["anthropicApiKey", "nexusApiKey"], ignoreOrder: true);
                continue;
            }

            template.SecureParameters.ShouldBeEmpty(template.Name);
        }
    }
}

using System.Text.Json;
using Nexus.Infra.Tests.Support;
using Shouldly;
using Xunit;

namespace Nexus.Infra.Tests.Deploy;

/// <summary>infra/deploy.sh against a fake Azure CLI (see <see cref="DeployScriptHarness"/>): its checks, its steps, and
/// that the keys never reach a command line or the output.</summary>
public sealed class DeployScriptTests
{
    private const string AnthropicKey = "sk-ant-test-0123456789abcdef";
    private const string NexusKey = "nexus-test-key-fedcba9876543210";

    [Fact]
    public async Task BashSyntax_IsValid()
    {
        var check = await ProcessRun.RunAsync("bash", ["-n", Repository.PathOf("infra/deploy.sh")]);

        check.ExitCode.ShouldBe(0, check.ToString());
        check.StandardError.ShouldBeEmpty();
    }

    [Fact]
    public async Task Help_WorksWithoutTheAzureCli()
    {
        using var harness = new DeployScriptHarness(withAzureCli: false);

        var help = await harness.RunAsync("--help");

        help.ExitCode.ShouldBe(0, help.ToString());
        help.StandardOutput.ShouldStartWith("Usage: infra/deploy.sh [options]");
        help.StandardOutput.ShouldContain("--what-if");
        help.StandardOutput.ShouldContain("ANTHROPIC_API_KEY");
        help.StandardOutput.ShouldContain("NEXUS_API_KEY");
        help.StandardError.ShouldBeEmpty();
    }

    [Fact]
    public async Task UnknownOption_IsAUsageError()
    {
        using var harness = new DeployScriptHarness();

        var run = await harness.RunAsync("--force");

        run.ExitCode.ShouldBe(2, run.ToString());
        run.StandardError.ShouldContain("unknown option '--force'");
        harness.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task WithoutTheAzureCli_SaysItIsNeeded()
    {
        using var harness = new DeployScriptHarness(withAzureCli: false);
        WithKeys(harness);

        var run = await harness.RunAsync("--tag", "t1");

        run.ExitCode.ShouldBe(1, run.ToString());
        run.StandardError.ShouldContain("the Azure CLI (az) is required");
    }

    [Fact]
    public async Task NotSignedIn_SaysToRunAzLogin()
    {
        using var harness = new DeployScriptHarness();
        WithKeys(harness);
        harness.Environment["FAKE_AZ_SIGNED_IN"] = "false";

        var run = await harness.RunAsync("--tag", "t1");

        run.ExitCode.ShouldBe(1, run.ToString());
        run.StandardError.ShouldContain("run 'az login'");
        harness.Calls.ShouldBe(["account show --query name --output tsv"]);
    }

    [Theory]
    [InlineData("ANTHROPIC_API_KEY")]
    [InlineData("NEXUS_API_KEY")]
    public async Task MissingKey_IsNamed_AndNothingIsDeployed(string missing)
    {
        using var harness = new DeployScriptHarness();
        WithKeys(harness);
        harness.Environment.Remove(missing);

        var run = await harness.RunAsync("--tag", "t1");

        run.ExitCode.ShouldBe(1, run.ToString());
        run.StandardError.ShouldContain($"{missing} is not set");
        harness.Calls.ShouldAllBe(call => !call.StartsWith("deployment", StringComparison.Ordinal) && !call.StartsWith("group create", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WhatIf_OnAnExistingGroup_PreviewsAndChangesNothing()
    {
        using var harness = new DeployScriptHarness();
        WithKeys(harness);
        harness.Environment["FAKE_AZ_GROUP_EXISTS"] = "true";

        var run = await harness.RunAsync("--what-if", "--tag", "t1", "-g", "nexus-test");

        run.ExitCode.ShouldBe(0, run.ToString());
        harness.Calls.ShouldContain(call => call.StartsWith("deployment group what-if --resource-group nexus-test ", StringComparison.Ordinal));
        harness.Calls.ShouldNotContain(call => call.StartsWith("deployment group create", StringComparison.Ordinal));
        harness.Calls.ShouldNotContain(call => call.StartsWith("group create", StringComparison.Ordinal));
        harness.Calls.ShouldNotContain(call => call.StartsWith("acr ", StringComparison.Ordinal));
        harness.Calls.ShouldNotContain(call => call.StartsWith("functionapp ", StringComparison.Ordinal));
        harness.SecretsFile.ShouldNotBeNull("what-if gets the secure parameters the same way");
    }

    [Fact]
    public async Task WhatIf_OnANewGroup_SaysEverythingWouldBeCreated_AndCreatesNothing()
    {
        using var harness = new DeployScriptHarness();
        WithKeys(harness);

        var run = await harness.RunAsync("--what-if", "--tag", "t1", "-g", "nexus-new", "-l", "westeurope");

        run.ExitCode.ShouldBe(0, run.ToString());
        run.StandardError.ShouldContain("resource group nexus-new does not exist");
        harness.Calls.ShouldNotContain(call => call.StartsWith("group create", StringComparison.Ordinal));
        harness.Calls.ShouldNotContain(call => call.StartsWith("deployment group create", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Deploy_CreatesTheGroup_Deploys_BuildsTheImage_RestartsTheApp_AndPrintsTheUrl()
    {
        using var harness = new DeployScriptHarness();
        WithKeys(harness);

        var run = await harness.RunAsync("--tag", "abc123", "-g", "nexus-test", "-l", "westeurope");

        run.ExitCode.ShouldBe(0, run.ToString());
        var steps = harness.Calls.Where(call => !call.StartsWith("deployment group show", StringComparison.Ordinal)).ToList();
        steps.ShouldBe(
        [
            "account show --query name --output tsv",
            "group exists --name nexus-test --output tsv",
            "group create --name nexus-test --location westeurope --tags application=nexus --output none",
            steps[3],
            $"acr build --registry crnexustest --image nexus-functions:abc123 --file {Repository.PathOf("Dockerfile")} {Repository.Root}",
            "functionapp restart --resource-group nexus-test --name func-nexus-test --output none",
        ]);
        steps[3].ShouldStartWith("deployment group create --name nexus-");
        steps[3].ShouldContain($"--template-file {Repository.PathOf("infra/main.bicep")}");
        steps[3].ShouldContain($"--parameters @{Repository.PathOf("infra/main.parameters.json")}");
        steps[3].ShouldEndWith("--parameters imageTag=abc123 --output none");
        run.StandardOutput.ShouldContain("NEXUS is deployed: https://func-nexus-test.azurewebsites.net");
    }

    [Fact]
    public async Task Keys_GoToAzureOnlyInAPrivateFile_ThatIsRemovedAfterwards_AndAreNeverPrinted()
    {
        using var harness = new DeployScriptHarness();
        WithKeys(harness);

        var run = await harness.RunAsync("--tag", "abc123");

        run.ExitCode.ShouldBe(0, run.ToString());
        using (var secrets = JsonDocument.Parse(harness.SecretsFile.ShouldNotBeNull()))
        {
            var parameters = secrets.RootElement.GetProperty("parameters");
            parameters.GetProperty("anthropicApiKey").GetProperty("value").GetString().ShouldBe(AnthropicKey);
            parameters.GetProperty("nexusApiKey").GetProperty("value").GetString().ShouldBe(NexusKey);
        }

        harness.SecretsFileMode.ShouldBe("600");
        File.Exists(harness.SecretsFilePath).ShouldBeFalse("the secure parameters file outlived the script");
        Directory.EnumerateFileSystemEntries(harness.TempDirectory).ShouldBeEmpty();
        foreach (var key in new[] { AnthropicKey, NexusKey })
        {
            string.Join('\n', harness.Calls).ShouldNotContain(key);
            run.StandardOutput.ShouldNotContain(key);
            run.StandardError.ShouldNotContain(key);
        }
    }

    [Fact]
    public async Task Keys_WithQuotesAndBackslashes_ArriveUnchanged()
    {
        using var harness = new DeployScriptHarness();
        const string awkward = "sk-ant-\"quoted\"\\back\\slash";
        WithKeys(harness);
        harness.Environment["ANTHROPIC_API_KEY"] = awkward;
        harness.Environment["FAKE_AZ_GROUP_EXISTS"] = "true";

        var run = await harness.RunAsync("--tag", "abc123", "--what-if");

        run.ExitCode.ShouldBe(0, run.ToString());
        using var secrets = JsonDocument.Parse(harness.SecretsFile.ShouldNotBeNull());
        secrets.RootElement.GetProperty("parameters").GetProperty("anthropicApiKey").GetProperty("value").GetString().ShouldBe(awkward);
    }

    [Fact]
    public async Task FailedDeployment_NamesTheStep_BuildsNothing_AndRemovesTheKeysFile()
    {
        using var harness = new DeployScriptHarness();
        WithKeys(harness);
        harness.Environment["FAKE_AZ_FAIL"] = "deployment group create";

        var run = await harness.RunAsync("--tag", "abc123");

        run.ExitCode.ShouldBe(1, run.ToString());
        run.StandardError.ShouldContain("deploying infra/main.bicep failed");
        harness.Calls.ShouldNotContain(call => call.StartsWith("acr ", StringComparison.Ordinal));
        harness.Calls.ShouldNotContain(call => call.StartsWith("functionapp ", StringComparison.Ordinal));
        File.Exists(harness.SecretsFilePath).ShouldBeFalse();
        run.StandardOutput.ShouldNotContain("NEXUS is deployed");
    }

    [Fact]
    public async Task FailedImageBuild_NamesTheStep_AndDoesNotRestartTheApp()
    {
        using var harness = new DeployScriptHarness();
        WithKeys(harness);
        harness.Environment["FAKE_AZ_FAIL"] = "acr build";

        var run = await harness.RunAsync("--tag", "abc123");

        run.ExitCode.ShouldBe(1, run.ToString());
        run.StandardError.ShouldContain("building the image in registry crnexustest failed");
        harness.Calls.ShouldNotContain(call => call.StartsWith("functionapp ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SkipImage_DeploysOnlyTheInfrastructure()
    {
        using var harness = new DeployScriptHarness();
        WithKeys(harness);
        harness.Environment["FAKE_AZ_GROUP_EXISTS"] = "true";

        var run = await harness.RunAsync("--skip-image", "--tag", "abc123");

        run.ExitCode.ShouldBe(0, run.ToString());
        harness.Calls.ShouldContain(call => call.StartsWith("deployment group create", StringComparison.Ordinal));
        harness.Calls.ShouldNotContain(call => call.StartsWith("acr ", StringComparison.Ordinal));
        harness.Calls.ShouldNotContain(call => call.StartsWith("group create", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SkipImage_WithoutATag_IsAUsageError()
    {
        using var harness = new DeployScriptHarness();
        WithKeys(harness);

        var run = await harness.RunAsync("--skip-image");

        run.ExitCode.ShouldBe(2, run.ToString());
        run.StandardError.ShouldContain("--skip-image needs --tag");
        harness.Calls.ShouldBeEmpty();
    }

    private static void WithKeys(DeployScriptHarness harness)
    {
        harness.Environment["ANTHROPIC_API_KEY"] = AnthropicKey;
        harness.Environment["NEXUS_API_KEY"] = NexusKey;
    }
}

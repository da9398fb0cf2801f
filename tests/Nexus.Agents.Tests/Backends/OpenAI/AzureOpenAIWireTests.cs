using Azure.Identity;
using Nexus.Agents.Backends.OpenAI;
using Nexus.Agents.Tests.Workspaces;
using Shouldly;
using Xunit;

namespace Nexus.Agents.Tests.Backends.OpenAI;

/// <summary>
/// The <c>azure-openai</c> provider against a local fake of each of Azure's wire formats (Kestrel on 127.0.0.1 recording
/// every request): the v1 route and the classic deployment route with an api-version, each with a key and with Entra ID.
/// </summary>
public sealed class AzureOpenAIWireTests : IAsyncLifetime
{
    private const string Key = "azure-key-0123456789abcdef";
    private const string Deployment = "nexus-gpt41";
    private readonly TemporaryFolder _workspace = new();
    private FakeModelServer _server = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await FakeModelServer.StartAsync(Token);
        _server.Reply(200, OpenAIWire.Completion(OpenAIWire.Reply("Done.", OpenAIWire.Write("a.txt", "a")), model: "gpt-4.1"));
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _workspace.Dispose();
    }

    [Fact]
    public async Task RunTurn_V1WithKey_PostsToTheV1PathWithApiKeyAndTheDeploymentAsModel()
    {
        var request = await RunAsync(new AzureOpenAIOptions { Endpoint = _server.BaseUri, Deployment = Deployment, ApiKey = Key });

        request.Method.ShouldBe("POST");
        request.Path.ShouldBe("/openai/v1/chat/completions");
        request.Header("api-key").ShouldBe(Key);
        request.Header("authorization").ShouldBeNull();
        request.Json.GetProperty("model").GetString().ShouldBe(Deployment);
    }

    [Fact]
    public async Task RunTurn_ClassicWithKey_PostsToTheDeploymentRouteWithTheApiVersion()
    {
        var request = await RunAsync(new AzureOpenAIOptions { Endpoint = _server.BaseUri, Deployment = Deployment, ApiVersion = "2024-10-21", ApiKey = Key });

        request.Path.ShouldBe($"/openai/deployments/{Deployment}/chat/completions?api-version=2024-10-21");
        request.Header("api-key").ShouldBe(Key);
        request.Header("authorization").ShouldBeNull();
        request.Json.GetProperty("model").GetString().ShouldBe(Deployment);
    }

    [Fact]
    public async Task RunTurn_ClassicWithEntraId_SendsTheBearerTokenForCognitiveServices()
    {
        var credential = new StaticTokenCredential("entra-token-abc");

        var request = await RunAsync(new AzureOpenAIOptions
        {
            Endpoint = new Uri(_server.BaseUri, "/openai/v1/"),
            Deployment = Deployment,
            ApiVersion = "2025-04-01-preview",
            TokenCredential = credential,
        });

        request.Path.ShouldBe($"/openai/deployments/{Deployment}/chat/completions?api-version=2025-04-01-preview");
        request.Header("authorization").ShouldBe("Bearer entra-token-abc");
        request.Header("api-key").ShouldBeNull();
        credential.Scopes.ShouldBe([OpenAICompatibleBackendOptions.AzureCognitiveServicesScope]);
    }

    [Fact]
    public async Task RunTurn_V1WithEntraId_SendsTheBearerTokenOnTheV1Path()
    {
        var request = await RunAsync(new AzureOpenAIOptions { Endpoint = _server.BaseUri, Deployment = Deployment, TokenCredential = new StaticTokenCredential("t-1") });

        request.Path.ShouldBe("/openai/v1/chat/completions");
        request.Header("authorization").ShouldBe("Bearer t-1");
    }

    [Fact]
    public async Task RunTurn_ClassicAgentNamesItsOwnDeployment_ThatDeploymentIsInThePath()
    {
        var options = new AzureOpenAIOptions { Endpoint = _server.BaseUri, Deployment = Deployment, ApiVersion = "2024-10-21", ApiKey = Key };

        var result = await new OpenAICompatibleBackend(options.ToBackendOptions())
            .RunTurnAsync(OpenAICompatibleBackendTests.Request(_workspace.Path, backend: "azure-openai", model: "reviewer-o3"), Token);

        result.Model.ShouldBe("reviewer-o3");
        _server.Requests.ShouldHaveSingleItem().Path.ShouldBe("/openai/deployments/reviewer-o3/chat/completions?api-version=2024-10-21");
    }

    [Fact]
    public void ToBackendOptions_NoKey_UsesTheUserAssignedManagedIdentityOrElseDefaultAzureCredential()
    {
        var managed = new AzureOpenAIOptions { Endpoint = new Uri("https://r.openai.azure.com/"), ManagedIdentityClientId = "00000000-0000-0000-0000-000000000001" }.ToBackendOptions();
        var fallback = new AzureOpenAIOptions { Endpoint = new Uri("https://r.openai.azure.com/") }.ToBackendOptions();

        managed.Authentication.ShouldBe(OpenAIAuthentication.TokenCredential);
        managed.TokenCredential.ShouldBeOfType<ManagedIdentityCredential>();
        managed.ApiKey.ShouldBeNull();
        fallback.TokenCredential.ShouldBeOfType<DefaultAzureCredential>();
        fallback.Endpoint.ShouldBe(new Uri("https://r.openai.azure.com/openai/v1"));
        fallback.AzureApiVersion.ShouldBeNull();
        fallback.Name.ShouldBe("azure-openai");
    }

    [Theory]
    [InlineData("latest")]
    [InlineData("2024-10")]
    [InlineData("v2")]
    [InlineData("")]
    public void ToBackendOptions_MalformedApiVersion_IsRejected(string apiVersion) =>
        Should.Throw<InvalidOperationException>(() =>
            new AzureOpenAIOptions { Endpoint = new Uri("https://r.openai.azure.com/"), ApiVersion = apiVersion, ApiKey = Key }.ToBackendOptions())
            .Message.ShouldContain(apiVersion);

    private async Task<RecordedRequest> RunAsync(AzureOpenAIOptions options)
    {
        var result = await new OpenAICompatibleBackend(options.ToBackendOptions())
            .RunTurnAsync(OpenAICompatibleBackendTests.Request(_workspace.Path, backend: "azure-openai", model: null), Token);

        result.Error.ShouldBeNull();
        result.Succeeded.ShouldBeTrue();
        result.Backend.ShouldBe("azure-openai");
        result.Model.ShouldBe(Deployment);
        return _server.Requests.ShouldHaveSingleItem();
    }
}

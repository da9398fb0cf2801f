using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Api.Contract;
using Nexus.Functions.Hosting;
using Nexus.Functions.Tests.Support;
using Nexus.Workflows.Hosting;
using Shouldly;
using Xunit;
using static Nexus.Api.Contract.Support.Api;
using Nexus.Hosting;

namespace Nexus.Functions.Tests.Http;

/// <summary>The product's API key guards every HTTP function (they are anonymous to the Functions host).</summary>
public sealed class ApiKeyTests(FunctionAppHost host)
{
    [Theory]
    [InlineData(null, "Send an API key in the X-Api-Key header")]
    [InlineData("wrong-key", "The API key is not valid.")]
    public async Task AnyFunction_WithoutAValidKey_Returns401ProblemWithChallenge(string? key, string detail)
    {
        using var client = host.CreateApiClient(key);

        var list = await client.GetAsync("/api/projects", Ct);
        var start = await client.PostJsonAsync("/api/projects", Demo(NewId("nokey")));

        (await list.ShouldBeProblemAsync(HttpStatusCode.Unauthorized)).GetProperty("detail").GetString()!.ShouldStartWith(detail);
        await start.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        list.Headers.WwwAuthenticate.ToString().ShouldContain("X-Api-Key");
    }

    [Fact]
    public async Task BearerKey_IsAccepted()
    {
        using var client = host.CreateApiClient(key: null);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ContractKeys.OtherApiKey);

        await (await client.GetAsync("/api/agents/status", Ct)).ShouldBeAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AppWithoutAConfiguredKey_RefusesEveryRequest_AndWritesNoKeyFile()
    {
        var data = Directory.CreateTempSubdirectory("nexus-func-nokey-").FullName;
        try
        {
            var configuration = new ConfigurationBuilder().Build();
            await using var services = new ServiceCollection()
                .AddLogging()
                .AddSingleton<IConfiguration>(configuration)
                .AddNexusFunctionApp(configuration, new NexusOptions { DataDirectory = data }, host.Storage)
                .BuildServiceProvider();
            using var client = new HttpClient(new FunctionsHttpHandler(services, host.Client)) { BaseAddress = new Uri("http://functions.test") };
            client.DefaultRequestHeaders.Add("X-Api-Key", ContractKeys.ApiKey);

            await (await client.GetAsync("/api/projects", Ct)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
            File.Exists(Path.Combine(data, "api-key")).ShouldBeFalse("the Function App never generates a key: its console is its log");
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}

using System.Net;
using System.Net.Http.Headers;
using Nexus.Functions.Tests.Support;
using Shouldly;
using Xunit;
using static Nexus.Functions.Tests.Support.Api;

namespace Nexus.Functions.Tests.Security;

/// <summary>Keys from the environment and the generated key file. One class, so nothing else reads NEXUS_API_KEY meanwhile.</summary>
public sealed class ApiKeyTests(SharedHost host)
{
    [Theory]
    [InlineData("/api/projects")]
    [InlineData("/api/tasks/x/status")]
    [InlineData("/api/agents/status")]
    [InlineData("/api/queue/dead-letters")]
    [InlineData("/api/does-not-exist")]
    public async Task AnyApiRoute_NoKeyOrWrongKey_Returns401ProblemDetails(string url)
    {
        using var none = host.Factory.CreateApiClient(key: null);
        using var wrong = host.Factory.CreateApiClient(key: "not-the-key");

        var missing = await none.GetAsync(url, Ct);
        await missing.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        missing.Headers.WwwAuthenticate.ShouldNotBeEmpty();
        await (await wrong.GetAsync(url, Ct)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Start_WithoutKey_Returns401AndStartsNothing()
    {
        using var none = host.Factory.CreateApiClient(key: null);
        var id = NewId("nokey");

        await (await none.PostJsonAsync("/api/projects", Demo(id))).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);

        (await host.Factory.Projects.GetAsync(id, cancellationToken: Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task BearerToken_AcceptedKey_IsAuthenticated()
    {
        using var client = host.Factory.CreateApiClient(key: null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", NexusAppFactory.OtherApiKey);

        await (await client.GetAsync("/api/agents/status", Ct)).ShouldBeAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task HealthAndOpenApi_NoKey_AreOpen()
    {
        using var client = host.Factory.CreateApiClient(key: null);

        await (await client.GetAsync("/healthz", Ct)).ShouldBeAsync(HttpStatusCode.OK);
        var openApi = await (await client.GetAsync("/openapi/v1.json", Ct)).ShouldBeAsync(HttpStatusCode.OK);

        var paths = openApi.GetProperty("paths");
        foreach (var path in new[] { "/api/projects", "/api/projects/{id}", "/api/projects/{id}/stream", "/api/tasks/create", "/api/queue", "/api/agents/{agentId}/message" })
        {
            paths.TryGetProperty(path, out _).ShouldBeTrue(path);
        }
    }

    [Fact]
    public async Task Keys_FromEnvironmentThenGeneratedFile_AreTheOnlyKeysAccepted()
    {
        var previous = Environment.GetEnvironmentVariable("NEXUS_API_KEY");
        try
        {
            Environment.SetEnvironmentVariable("NEXUS_API_KEY", "env-key-one, env-key-two");
            var fromEnvironment = new NexusAppFactory(configureKeys: false);
            try
            {
                using var one = fromEnvironment.CreateApiClient("env-key-one");
                using var two = fromEnvironment.CreateApiClient("env-key-two");
                using var test = fromEnvironment.CreateApiClient();
                await (await one.GetAsync("/api/agents/status", Ct)).ShouldBeAsync(HttpStatusCode.OK);
                await (await two.GetAsync("/api/agents/status", Ct)).ShouldBeAsync(HttpStatusCode.OK);
                await (await test.GetAsync("/api/agents/status", Ct)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
                File.Exists(Path.Combine(fromEnvironment.DataDirectory, "api-key")).ShouldBeFalse();
            }
            finally
            {
                await fromEnvironment.DisposeAsync();
                fromEnvironment.DeleteData();
            }

            Environment.SetEnvironmentVariable("NEXUS_API_KEY", null);
            var generated = new NexusAppFactory(configureKeys: false);
            try
            {
                _ = generated.Server;
                var path = Path.Combine(generated.DataDirectory, "api-key");
                var key = (await File.ReadAllTextAsync(path, Ct)).Trim();
                if (!OperatingSystem.IsWindows())
                {
                    File.GetUnixFileMode(path).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
                }

                using var client = generated.CreateApiClient(key);
                await (await client.GetAsync("/api/agents/status", Ct)).ShouldBeAsync(HttpStatusCode.OK);
                using var test = generated.CreateApiClient();
                await (await test.GetAsync("/api/agents/status", Ct)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
            }
            finally
            {
                await generated.DisposeAsync();
                generated.DeleteData();
            }
        }
        finally
        {
            Environment.SetEnvironmentVariable("NEXUS_API_KEY", previous);
        }
    }
}

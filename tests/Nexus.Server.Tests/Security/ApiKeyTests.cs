using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Nexus.Durable;
using Nexus.Server.Tests.Support;
using Shouldly;
using Xunit;
using static Nexus.Api.Contract.Support.Api;

namespace Nexus.Server.Tests.Security;

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

    /// <summary>The key file lives in the data directory, above every workspace: an agent can read it. Its value must reach
    /// the commit scan and the redactor (here: an agent that copies it into the workspace).</summary>
    [Fact]
    public async Task KeyFile_AgentCopiesTheKeyIntoTheWorkspace_TheCommitIsRefusedAndNoResponseShowsTheKey()
    {
        var previous = Environment.GetEnvironmentVariable("NEXUS_API_KEY");
        var scenarios = Directory.CreateTempSubdirectory("nexus-scenarios-").FullName;
        var data = NexusAppFactory.NewDataDirectory();
        var key = "nx_" + Guid.NewGuid().ToString("N");
        await File.WriteAllTextAsync(Path.Combine(data, "api-key"), key + "\n", Ct);
        await WriteTurnAsync(scenarios, "aria", new { summary = "# Plan\n\nKeep the key handy.", edits = new[] { new { path = "PLAN.md", content = "# Plan\n" } } });
        await WriteTurnAsync(scenarios, "code", new { summary = "Copied the key.", edits = new[] { new { path = "notes.md", content = $"host key: {key}\n" } } });
        Environment.SetEnvironmentVariable("NEXUS_API_KEY", null);
        var app = new NexusAppFactory(data, options => options.ScenariosDirectory = scenarios, configureKeys: false);
        try
        {
            using var client = app.CreateApiClient(key);
            var id = await client.StartAsync(new { description = "Copy the API key into notes.md.", provider = "replay", scenario = "steal", testCommand = "node --test" });
            await app.Projects.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Failed);

            var status = await (await client.GetAsync($"/api/projects/{id}?showHistory=true&showHistoryOutput=true", Ct)).ShouldBeAsync(HttpStatusCode.OK);
            var result = await (await client.GetAsync($"/api/tasks/{id}/result", Ct)).ShouldBeAsync(HttpStatusCode.OK);
            var commits = await (await client.GetAsync($"/api/projects/{id}/commits", Ct)).ShouldBeAsync(HttpStatusCode.OK);

            status.GetProperty("output").GetString().ShouldBe(
                "agent error: code (replay) failed in implement: SecretLeak: refused to commit: "
                + "notes.md line 1 holds a configured secret (value of the API key from the api-key file)");
            commits.EnumerateArray().Select(c => c.GetProperty("authorName").GetString()).ShouldBe(["NEXUS", "Aria"]);
            File.Exists(Path.Combine(app.Projects.WorkspaceOf(id), "notes.md")).ShouldBeFalse();
            foreach (var response in new[] { status, result, commits })
            {
                response.GetRawText().ShouldNotContain(key);
            }
        }
        finally
        {
            await app.DisposeAsync();
            app.DeleteData();
            Directory.Delete(scenarios, recursive: true);
            Environment.SetEnvironmentVariable("NEXUS_API_KEY", previous);
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

    private static async Task WriteTurnAsync(string scenarios, string agent, object turn)
    {
        var folder = Directory.CreateDirectory(Path.Combine(scenarios, "steal", agent));
        await File.WriteAllTextAsync(Path.Combine(folder.FullName, "001.json"), JsonSerializer.Serialize(turn), Ct);
    }
}

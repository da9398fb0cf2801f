using System.Security.Cryptography;
using System.Text;
using Nexus.Agents.Security;
using Nexus.Server.Tests.Support;
using Nexus.Workflows.Model;
using Shouldly;
using Xunit;
using static Nexus.Api.Contract.Support.Api;

namespace Nexus.Server.Tests.Security;

/// <summary>The event stream (a route only `nexus serve` has) passes what it sends through the runtime's redactor, as every
/// shared route does (tests/Nexus.Api.Contract's ResponseRedactionContract, run by ResponseRedactionApiTests on both hosts).</summary>
public sealed class ResponseRedactionTests(SharedHost host)
{
    private readonly NexusAppFactory _app = host.Factory;

    /// <summary>Credential shapes made up at run time, so none is written into the repository.</summary>
    private static readonly string GitHubToken = "ghp_" + Convert.ToHexString(SHA256.HashData("redaction/github"u8))[..36];

    private static readonly string OpenAiKey = "sk-proj-" + Convert.ToHexString(SHA256.HashData("redaction/openai"u8))[..40];

    private static readonly string[] Secrets = [NexusAppFactory.ApiKey, NexusAppFactory.OtherApiKey, GitHubToken, OpenAiKey];

    [Fact]
    public async Task Stream_ProjectWhoseRequestHoldsTheApiKey_NeverShowsIt()
    {
        using var client = _app.CreateApiClient();
        var id = NewId("leakreq");
        await client.StartAsync(new
        {
            description = $"slugkit; deploy it with the key {NexusAppFactory.ApiKey} and {GitHubToken}",
            id,
            provider = "replay",
            scenario = "demo",
            testCommand = "node --test",
            approvePlan = true,
        });
        await _app.Projects.WaitForPhaseAsync(id, ProjectPhases.Approval);

        var stream = await SseReader.ReadAsync(client, $"/api/projects/{id}/stream", null, (_, all) => all.Count(i => i.EventType == "history") >= 6);
        var text = string.Join('\n', stream.Select(i => i.Data));

        Secrets.ShouldAllBe(secret => !text.Contains(secret, StringComparison.Ordinal), text);
        text.ShouldContain($"deploy it with the key {SecretRedactor.Mask}", customMessage: "the stream's history shows the request, masked");
    }
}

using System.Net;
using System.Security.Cryptography;
using System.Text;
using Nexus.Agents.Security;
using Nexus.Agents.Workspaces;
using Nexus.Workflows.Model;
using Shouldly;
using Xunit;
using static Nexus.Api.Contract.Support.Api;

namespace Nexus.Api.Contract;

/// <summary>The API's second line: what it serves passes through the host's redactor, the host's API keys among its values.
/// Run against both hosts (Nexus.Server.Tests and Nexus.Functions.Tests derive from it).</summary>
public abstract class ResponseRedactionContract(IApiHost app)
{
    private readonly IApiHost _app = app;

    /// <summary>Credential shapes made up at run time, so none is written into the repository.</summary>
    private static readonly string GitHubToken = "ghp_" + Convert.ToHexString(SHA256.HashData("redaction/github"u8))[..36];

    private static readonly string OpenAiKey = "sk-proj-" + Convert.ToHexString(SHA256.HashData("redaction/openai"u8))[..40];

    private static readonly string[] Secrets = [ContractKeys.ApiKey, ContractKeys.OtherApiKey, GitHubToken, OpenAiKey];

    [Fact]
    public async Task Diff_CommitMadeOutsideNexusHoldingKeys_IsServedRedacted()
    {
        using var client = _app.CreateApiClient();
        var id = await client.StartAsync(Demo(NewId("leakdiff")));
        await _app.Projects.WaitForPhaseAsync(id, ProjectPhases.Approval);
        var workspace = await GitWorkspace.OpenOrInitAsync(_app.Projects.WorkspaceOf(id), cancellationToken: Ct);
        var planned = await workspace.HeadAsync(Ct);
        Directory.CreateDirectory(Path.Combine(workspace.Directory, "config"));
        await File.WriteAllTextAsync(
            Path.Combine(workspace.Directory, "config", "keys.txt"),
            $"OPENAI_API_KEY={OpenAiKey}\ntoken {GitHubToken}\nhost key {ContractKeys.ApiKey}\n",
            Ct);
        var commit = await workspace.CommitAllAsync("Someone", "someone@example.com", $"add keys {GitHubToken}", cancellationToken: Ct);

        var diffResponse = await client.GetAsync($"/api/projects/{id}/diff?from={planned}&to={commit!.CommitId}", Ct);
        var worktreeResponse = await client.GetAsync($"/api/projects/{id}/diff?from={planned}", Ct);
        var commitsResponse = await client.GetAsync($"/api/projects/{id}/commits", Ct);

        var diff = (await diffResponse.ShouldBeAsync(HttpStatusCode.OK)).GetProperty("diff").GetString()!;
        diff.ShouldContain("+++ b/config/keys.txt");
        diff.ShouldContain($"+OPENAI_API_KEY={SecretRedactor.Mask}\n+token {SecretRedactor.Mask}\n+host key {SecretRedactor.Mask}\n");
        (await worktreeResponse.ShouldBeAsync(HttpStatusCode.OK)).GetProperty("diff").GetString()!.ShouldContain($"+token {SecretRedactor.Mask}");
        var commits = await commitsResponse.ShouldBeAsync(HttpStatusCode.OK);
        commits.EnumerateArray().Last().GetProperty("message").GetString().ShouldBe($"add keys {SecretRedactor.Mask}");
        foreach (var text in new[] { diff, commits.GetRawText(), await worktreeResponse.Content.ReadAsStringAsync(Ct) })
        {
            Secrets.ShouldAllBe(secret => !text.Contains(secret, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Responses_ProjectWhoseRequestHoldsTheApiKey_NeverShowItAnywhere()
    {
        using var client = _app.CreateApiClient();
        var id = NewId("leakreq");
        await client.StartAsync(new
        {
            description = $"slugkit; deploy it with the key {ContractKeys.ApiKey} and {GitHubToken}",
            id,
            provider = "replay",
            scenario = "demo",
            testCommand = "node --test",
            approvePlan = true,
        });
        await _app.Projects.WaitForPhaseAsync(id, ProjectPhases.Approval);

        var texts = new List<string>();
        foreach (var url in new[]
        {
            $"/api/projects/{id}?showHistory=true&showHistoryOutput=true",
            $"/api/projects?instanceIdPrefix={id}",
            $"/api/projects/{id}/scratchpads",
            $"/api/projects/{id}/scratchpads/shared_context",
            $"/api/projects/{id}/commits",
            $"/api/projects/{id}/agents",
            $"/api/tasks/{id}/status",
            $"/api/tasks/{id}/result",
            $"/api/agents/aria/session?projectId={id}",
        })
        {
            var response = await client.GetAsync(url, Ct);
            response.IsSuccessStatusCode.ShouldBeTrue(url);
            texts.Add(await response.Content.ReadAsStringAsync(Ct));
        }

        foreach (var text in texts)
        {
            Secrets.ShouldAllBe(secret => !text.Contains(secret, StringComparison.Ordinal), text);
        }

        texts[0].ShouldContain($"deploy it with the key {SecretRedactor.Mask} and {SecretRedactor.Mask}", customMessage: "the status shows the request, masked");
        var stored = await _app.Projects.GetScratchpadsAsync(id, Ct);
        stored.Single(p => p.Name == "shared_context").Markdown.ShouldContain($"deploy it with the key {SecretRedactor.Mask}", customMessage: "scratchpads are masked when written");
    }
}

using System.Net;
using Nexus.Agents.Scratchpads;
using Nexus.Api.Contract.Support;
using Nexus.Functions.Tests.Support;
using Nexus.Workflows.Model;
using Shouldly;
using Xunit;
using static Nexus.Api.Contract.Support.Api;

namespace Nexus.Functions.Tests.Http;

/// <summary><c>GET /api/projects/{id}/scratchpads/{name}/markdown</c>: the function is handed the pad's blob on Azurite by
/// its blob input binding (as the host binds it) and answers it as Markdown, behind the same key and checks as the JSON route.</summary>
public sealed class ScratchpadMarkdownFunctionTests(FunctionAppHost host)
{
    [Fact]
    public async Task GetScratchpadMarkdown_AfterPlan_ServesTheBlobTheStoreWrote_AsMarkdown()
    {
        using var client = host.CreateApiClient();
        var id = await client.StartAsync(Demo(NewId("md")));
        await host.Projects.WaitForPhaseAsync(id, ProjectPhases.Approval);

        using var response = await client.GetAsync($"/api/projects/{id}/scratchpads/aria_to_code/markdown", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/markdown");
        var markdown = await response.Content.ReadAsStringAsync(Ct);
        var blob = host.Storage.Blobs.GetBlobContainerClient(BlobScratchpadStoreOptions.DefaultContainerName).GetBlobClient(BlobScratchpadStore.GetBlobName(id, "aria_to_code"));
        markdown.ShouldBe((await blob.DownloadContentAsync(Ct)).Value.Content.ToString());
        markdown.ShouldContain("[replay]");
        var json = await (await client.GetAsync($"/api/projects/{id}/scratchpads/aria_to_code", Ct)).ShouldBeAsync(HttpStatusCode.OK);
        markdown.ShouldBe(json.GetProperty("markdown").GetString(), "the JSON route carries the same Markdown");
    }

    [Fact]
    public async Task GetScratchpadMarkdown_NoKey_MissingPadBadNameOrUnknownProject_AreProblems()
    {
        using var client = host.CreateApiClient();
        var id = await client.StartAsync(Demo(NewId("md")));
        await host.Projects.WaitForPhaseAsync(id, ProjectPhases.Approval);
        using var anonymous = host.CreateApiClient(key: null);

        await (await anonymous.GetAsync($"/api/projects/{id}/scratchpads/aria_to_code/markdown", Ct)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await client.GetAsync($"/api/projects/{id}/scratchpads/beta_to_aria/markdown", Ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync($"/api/projects/{id}/scratchpads/Aria/markdown", Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await client.GetAsync($"/api/projects/{NewId("none")}/scratchpads/aria_to_code/markdown", Ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}

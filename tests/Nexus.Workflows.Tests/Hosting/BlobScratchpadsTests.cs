using Azure.Storage.Blobs;
using Nexus.Agents.Scratchpads;
using Nexus.Durable;
using Nexus.Testing.Azurite;
using Nexus.Workflows.Hosting;
using Nexus.Workflows.Tests.Support;
using Shouldly;
using Xunit;
using Nexus.Hosting;

namespace Nexus.Workflows.Tests.Hosting;

/// <summary>The runtime with <c>blob</c> scratchpads (the composition root's choice) writes each pad of a real project run
/// as one readable Markdown blob in Azure Storage (Azurite here).</summary>
public sealed class BlobScratchpadsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DemoProject_BlobScratchpads_EachPadIsOneMarkdownBlob()
    {
        var azurite = await AzuriteServer.GetAsync();
        await using var nexus = await WorkflowFixture.StartAsync(o =>
        {
            o.Scratchpads = "blob";
            o.ScratchpadsConnection = azurite.ConnectionString;
        }, Ct);

        var id = await nexus.Projects.StartAsync(WorkflowFixture.Scenario("demo"), $"blobpads-{Guid.NewGuid():N}"[..24], Ct);
        var done = await nexus.Projects.WaitAsync(id, Ct);

        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, done.Failure?.ToString());
        var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(BlobScratchpadStoreOptions.DefaultContainerName);
        var blobs = new List<string>();
        await foreach (var blob in container.GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = $"{id}/" }, Ct))
        {
            blobs.Add(blob.Name);
        }

        blobs.ShouldContain($"{id}/aria_to_code.md");
        var markdown = (await container.GetBlobClient($"{id}/aria_to_code.md").DownloadContentAsync(Ct)).Value.Content.ToString();
        markdown.ShouldStartWith("# ");
        (await nexus.Projects.GetScratchpadsAsync(id, Ct)).ShouldContain(p => p.Name == "aria_to_code");
    }

    [Fact]
    public async Task StartAsync_BlobScratchpadsWithoutConnection_RefusedWithWhatToSet()
    {
        var error = await Should.ThrowAsync<ArgumentException>(async () =>
            await WorkflowFixture.StartAsync(o => { o.Scratchpads = "blob"; o.ScratchpadsConnection = null; }, Ct));

        error.Message.ShouldContain(NexusOptions.ScratchpadsConnectionVariable);
    }
}

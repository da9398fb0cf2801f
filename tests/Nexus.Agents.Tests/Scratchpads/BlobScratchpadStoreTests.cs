using Azure.Core;
using Azure.Storage.Blobs;
using Nexus.Agents.Scratchpads;
using Nexus.Testing.Azurite;
using Shouldly;
using Xunit;

namespace Nexus.Agents.Tests.Scratchpads;

/// <summary>The scratchpad contract on Azure blobs (Azurite), plus what is particular to blobs: the format and the container.</summary>
public sealed class BlobScratchpadStoreTests : ScratchpadStoreContractTests, IAsyncLifetime
{
    private BlobContainerClient _container = null!;
    private BlobScratchpadStore _store = null!;

    protected override IScratchpadStore Store => _store;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var azurite = await AzuriteServer.GetAsync();
        _container = new BlobContainerClient(azurite.ConnectionString, AzuriteServer.UniqueName("pads"));
        _store = new BlobScratchpadStore(_container, Redactor);
    }

    public async ValueTask DisposeAsync() => await _container.DeleteIfExistsAsync(cancellationToken: CancellationToken.None);

    protected override void AssertNotPersisted(string secret)
    {
        foreach (var item in _container.GetBlobs())
        {
            _container.GetBlobClient(item.Name).DownloadContent().Value.Content.ToString().ShouldNotContain(secret);
        }
    }

    [Fact]
    public async Task WriteAsync_Blob_IsReadableMarkdownNamedProjectSlashPad()
    {
        await _store.WriteAsync(Project, ScratchpadNames.AriaToCode, Entry("plan", "Build **it**."), Token);

        BlobScratchpadStore.GetBlobName(Project, ScratchpadNames.AriaToCode).ShouldBe("proj-1/aria_to_code.md");
        _container.GetBlobs(cancellationToken: Token).Select(item => item.Name).ShouldBe(["proj-1/aria_to_code.md"]);
        var download = (await _container.GetBlobClient("proj-1/aria_to_code.md").DownloadContentAsync(Token)).Value;
        download.Details.ContentType.ShouldBe("text/markdown; charset=utf-8");
        download.Content.ToString().ShouldBe(
            "# aria_to_code\n\n" +
            "<!-- nexus:entry step=\"plan\" author=\"ARIA\" at=\"2026-01-02T03:04:05.0000000+00:00\" -->\n" +
            "## ARIA — 2026-01-02 03:04:05Z\n\n" +
            "Build **it**.\n");
    }

    [Fact]
    public async Task WriteAsync_MissingContainer_IsCreated()
    {
        (await _container.ExistsAsync(Token)).Value.ShouldBeFalse();
        (await _store.ReadAsync(Project, ScratchpadNames.SharedContext, Token)).ShouldBeNull();
        (await _store.ListAsync(Project, Token)).ShouldBeEmpty();

        await _store.WriteAsync(Project, ScratchpadNames.SharedContext, Entry("s1", "x"), Token);

        (await _container.ExistsAsync(Token)).Value.ShouldBeTrue();
        (await _store.ReadAsync(Project, ScratchpadNames.SharedContext, Token))!.Entries.ShouldBe([Entry("s1", "x")]);
    }

    [Fact]
    public async Task ReadAsync_FromAnotherStoreOnTheSameContainer_ReadsBackWhatWasWritten()
    {
        var azurite = await AzuriteServer.GetAsync();
        await _store.WriteAsync(Project, ScratchpadNames.CodeToAlpha, Entry("s1", "one"), Token);
        await _store.WriteAsync(Project, ScratchpadNames.CodeToAlpha, Entry("s2", "two", "CODE", 1), Token);

        var other = BlobScratchpadStore.Create(azurite.ConnectionString, new BlobScratchpadStoreOptions { ContainerName = _container.Name }, Redactor);
        var pad = await other.ReadAsync(Project, ScratchpadNames.CodeToAlpha, Token);

        pad!.Entries.ShouldBe([Entry("s1", "one"), Entry("s2", "two", "CODE", 1)]);
        other.Container.Name.ShouldBe(_container.Name);
    }

    [Fact]
    public async Task ListAsync_IgnoresBlobsThatAreNotPads()
    {
        await _store.WriteAsync(Project, ScratchpadNames.AriaToCode, Entry("s1", "x"), Token);
        await _container.UploadBlobAsync("proj-1/README.MD", BinaryData.FromString("x"), Token);
        await _container.UploadBlobAsync("proj-1/notes.txt", BinaryData.FromString("x"), Token);
        await _container.UploadBlobAsync("proj-1/deeper/pad.md", BinaryData.FromString("x"), Token);
        await _container.UploadBlobAsync("proj-10/shared_context.md", BinaryData.FromString("x"), Token);

        (await _store.ListAsync(Project, Token)).ShouldBe(["aria_to_code"]);
    }

    [Fact]
    public void Create_ServiceUriAndTokenCredential_OpensTheNamedContainerOfThatService()
    {
        var store = BlobScratchpadStore.Create(
            new Uri("https://nexusdata.blob.core.windows.net"), new UnusedCredential(), new BlobScratchpadStoreOptions { ContainerName = "pads" });

        store.Container.Uri.ShouldBe(new Uri("https://nexusdata.blob.core.windows.net/pads"));
        store.Container.AccountName.ShouldBe("nexusdata");
    }

    [Fact]
    public void Constructor_NoWriteAttempts_IsRejected() =>
        Should.Throw<ArgumentOutOfRangeException>(() => new BlobScratchpadStore(_container, Redactor, new BlobScratchpadStoreOptions { MaxWriteAttempts = 0 }));

    private sealed class UnusedCredential : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("No call is made in this test.");

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("No call is made in this test.");
    }
}

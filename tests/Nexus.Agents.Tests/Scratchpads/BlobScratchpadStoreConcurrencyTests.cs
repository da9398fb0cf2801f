using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using Nexus.Agents.Scratchpads;
using Nexus.Agents.Security;
using Nexus.Testing.Azurite;
using Shouldly;
using Xunit;

namespace Nexus.Agents.Tests.Scratchpads;

/// <summary>Writers in different processes (here: stores on different clients) racing for one pad blob on Azurite.</summary>
public sealed class BlobScratchpadStoreConcurrencyTests : IAsyncLifetime
{
    private const string Project = "proj-1";
    private const string Pad = ScratchpadNames.SharedContext;
    private static readonly DateTimeOffset T0 = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private static readonly SecretRedactor Redactor = new([]);

    private string _connectionString = null!;
    private string _containerName = null!;
    private BlobScratchpadStore _other = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _connectionString = (await AzuriteServer.GetAsync()).ConnectionString;
        _containerName = AzuriteServer.UniqueName("pads");
        _other = Store();
    }

    public async ValueTask DisposeAsync() =>
        await new BlobContainerClient(_connectionString, _containerName).DeleteIfExistsAsync(cancellationToken: CancellationToken.None);

    [Fact]
    public async Task WriteAsync_StaleETag_LosesTheRaceAndRetriesAgainstTheNewContent()
    {
        await _other.WriteAsync(Project, Pad, Entry("s1", "first"), Token);
        var interceptor = new BlobUploadInterceptor(async upload =>
        {
            if (upload == 1)
            {
                await _other.WriteAsync(Project, Pad, Entry("s3", "written in between"), Token);
            }
        });

        await Store(interceptor).WriteAsync(Project, Pad, Entry("s2", "mine"), Token);

        interceptor.Statuses.ShouldBe([412, 201]);
        (await _other.ReadAsync(Project, Pad, Token))!.Entries.ShouldBe(
            [Entry("s1", "first"), Entry("s3", "written in between"), Entry("s2", "mine")]);
    }

    [Fact]
    public async Task WriteAsync_SomeoneCreatesThePadFirst_CreateLosesAndRetriesAsAnUpdate()
    {
        var interceptor = new BlobUploadInterceptor(async upload =>
        {
            if (upload == 1)
            {
                await _other.WriteAsync(Project, Pad, Entry("theirs", "created first"), Token);
            }
        });

        await Store(interceptor).WriteAsync(Project, Pad, Entry("mine", "created second"), Token);

        interceptor.Statuses.ShouldBe([409, 201]);
        (await _other.ReadAsync(Project, Pad, Token))!.Entries.Select(e => e.StepKey).ShouldBe(["theirs", "mine"]);
    }

    [Fact]
    public async Task WriteAsync_RacingWriterOfTheSameStep_IsReplacedNeverDuplicated()
    {
        await _other.WriteAsync(Project, Pad, Entry("s1", "first"), Token);
        var interceptor = new BlobUploadInterceptor(async upload =>
        {
            if (upload == 1)
            {
                await _other.WriteAsync(Project, Pad, Entry("s2", "attempt 1 (from the other worker)"), Token);
            }
        });

        await Store(interceptor).WriteAsync(Project, Pad, Entry("s2", "attempt 2", minutes: 5), Token);

        interceptor.Statuses.ShouldBe([412, 201]);
        var pad = await _other.ReadAsync(Project, Pad, Token);
        pad!.Entries.ShouldBe([Entry("s1", "first"), Entry("s2", "attempt 2", minutes: 5)]);
        pad.Markdown.ShouldNotContain("attempt 1");
    }

    [Fact]
    public async Task WriteAsync_OthersWinEveryAttempt_ThrowsConflictAfterTheLimitAndStoresNothing()
    {
        var interceptor = new BlobUploadInterceptor(upload => _other.WriteAsync(Project, Pad, Entry($"other-{upload}", "x"), Token).AsTask());
        var store = Store(interceptor, new BlobScratchpadStoreOptions { MaxWriteAttempts = 3 });

        var error = await Should.ThrowAsync<ScratchpadConflictException>(async () => await store.WriteAsync(Project, Pad, Entry("mine", "x"), Token));

        error.Message.ShouldContain("proj-1/shared_context.md");
        error.Message.ShouldContain("3 write attempts");
        interceptor.Statuses.ShouldBe([409, 412, 412]);
        (await _other.ReadAsync(Project, Pad, Token))!.Entries.Select(e => e.StepKey).ShouldBe(["other-1", "other-2", "other-3"]);
    }

    [Fact]
    public async Task WriteAsync_TwoWritersOfDifferentStepsAtOnce_BothLandEveryTime()
    {
        var first = Store();
        var second = Store();

        await Task.WhenAll(Enumerable.Range(0, 10).SelectMany(i => new[]
        {
            first.WriteAsync(Project, Pad, Entry($"a-{i:D2}", $"a {i}"), Token).AsTask(),
            second.WriteAsync(Project, Pad, Entry($"b-{i:D2}", $"b {i}"), Token).AsTask(),
        }));

        var steps = (await _other.ReadAsync(Project, Pad, Token))!.Entries.Select(e => e.StepKey).ToList();
        steps.Order(StringComparer.Ordinal).ShouldBe(Enumerable.Range(0, 10).Select(i => $"a-{i:D2}").Concat(Enumerable.Range(0, 10).Select(i => $"b-{i:D2}")));
    }

    private static ScratchpadEntry Entry(string step, string content, int minutes = 0) =>
        new() { StepKey = step, Author = "ARIA", Timestamp = T0.AddMinutes(minutes), Content = content };

    private BlobScratchpadStore Store(HttpPipelinePolicy? policy = null, BlobScratchpadStoreOptions? options = null)
    {
        var clientOptions = new BlobClientOptions();
        if (policy is not null)
        {
            clientOptions.AddPolicy(policy, HttpPipelinePosition.PerCall);
        }

        return new BlobScratchpadStore(new BlobContainerClient(_connectionString, _containerName, clientOptions), Redactor, options);
    }
}

using System.Net;
using Nexus.Durable;
using Nexus.Server.Tests.Support;
using Nexus.Testing;
using Shouldly;
using Xunit;
using static Nexus.Api.Contract.Support.Api;

namespace Nexus.Server.Tests.Api;

/// <summary><c>POST /api/projects/purge</c> with <c>olderThanDays</c> on a host whose clock jumps ten days between two
/// batches of projects: the old batch goes, the new one stays.</summary>
public sealed class ProjectBulkPurgeOlderThanTests : IAsyncLifetime
{
    private readonly ShiftedClock _clock = new();
    private readonly NexusAppFactory _app;

    public ProjectBulkPurgeOlderThanTests() => _app = new NexusAppFactory(clock: _clock);

    [Fact]
    public async Task OlderThanDays_PurgesTheProjectsCreatedBeforeTheCutoff_AndKeepsTheNewerOnes()
    {
        using var client = _app.CreateApiClient();
        var prefix = NewId("bpold");
        var oldOnes = new[] { await StartTerminatedAsync(client, $"{prefix}-old-a"), await StartTerminatedAsync(client, $"{prefix}-old-b") };
        _clock.Advance(TimeSpan.FromDays(10));
        var newOnes = new[] { await StartTerminatedAsync(client, $"{prefix}-new-a"), await StartTerminatedAsync(client, $"{prefix}-new-b") };
        var oldCreated = (await _app.Projects.GetAsync(oldOnes[0], cancellationToken: Ct))!.CreatedTime;
        var newCreated = (await _app.Projects.GetAsync(newOnes[0], cancellationToken: Ct))!.CreatedTime;
        (newCreated - oldCreated).ShouldBeGreaterThan(TimeSpan.FromDays(10) - TimeSpan.FromMinutes(5));

        var tooOld = await PurgeAsync(client, new { instanceIdPrefix = prefix, olderThanDays = 11 });
        var purged = await PurgeAsync(client, new { instanceIdPrefix = prefix, olderThanDays = 5 });

        tooOld.GetProperty("instancesDeleted").GetInt32().ShouldBe(0);
        purged.GetProperty("instancesDeleted").GetInt32().ShouldBe(2);
        purged.GetProperty("purged").EnumerateArray().Select(e => e.GetString()).ShouldBe(oldOnes, ignoreOrder: true);
        foreach (var id in oldOnes)
        {
            (await _app.Projects.GetAsync(id, cancellationToken: Ct)).ShouldBeNull();
        }

        foreach (var id in newOnes)
        {
            (await _app.Projects.GetAsync(id, cancellationToken: Ct)).ShouldNotBeNull();
        }
    }

    public ValueTask InitializeAsync()
    {
        _ = _app.Server;
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _app.DeleteData();
    }

    private async Task<string> StartTerminatedAsync(HttpClient client, string id)
    {
        await client.StartAsync(Demo(id));
        await (await client.PostAsync($"/api/projects/{id}/terminate", null, Ct)).ShouldBeAsync(HttpStatusCode.Accepted);
        await _app.Projects.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Terminated);
        return id;
    }

    private static async Task<System.Text.Json.JsonElement> PurgeAsync(HttpClient client, object filter) =>
        await (await client.PostJsonAsync("/api/projects/purge", filter)).ShouldBeAsync(HttpStatusCode.OK);
}

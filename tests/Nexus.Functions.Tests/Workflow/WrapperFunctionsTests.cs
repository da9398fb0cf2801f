using System.Net;
using Nexus.Agents.Scratchpads;
using Nexus.Durable;
using Nexus.Functions.Tests.Support;
using Nexus.Workflows.Model;
using Shouldly;
using Xunit;
using static Nexus.Api.Contract.Support.Api;

namespace Nexus.Functions.Tests.Workflow;

/// <summary>The app's orchestrator, entity and activity functions — registered as the workflow in NEXUS's engine
/// (<see cref="FunctionAppHost"/>) — carry a project from an HTTP start through plan approval to Completed, with the
/// scratchpads written as blobs on the app's storage (Azurite).</summary>
public sealed class WrapperFunctionsTests(FunctionAppHost host)
{
    [Fact]
    public async Task DemoProject_StartedThroughTheHttpFunction_CompletesThroughTheWrapperFunctions()
    {
        using var client = host.CreateApiClient();
        var id = await client.StartAsync(Demo(NewId("fn-demo")));
        await host.Projects.WaitForPhaseAsync(id, ProjectPhases.Approval);
        await (await client.PostRawAsync($"/api/projects/{id}/events/approval", "{\"approved\":true}")).ShouldBeAsync(HttpStatusCode.Accepted);

        var done = await host.Projects.WaitAsync(id, Ct);

        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, done.Failure?.Message);
        done.Report!.Tests.Passed.ShouldBe(14);
        var status = await (await client.GetAsync($"/api/projects/{id}", Ct)).ShouldBeAsync(HttpStatusCode.OK);
        status.GetProperty("customStatus").GetProperty("phase").GetString().ShouldBe("done");
        // The entity functions held the sessions and the pads (read back through the API's routes).
        (await (await client.GetAsync($"/api/projects/{id}/agents", Ct)).ShouldBeAsync(HttpStatusCode.OK)).GetArrayLength().ShouldBeGreaterThan(1);
        (await (await client.GetAsync($"/api/projects/{id}/scratchpads", Ct)).ShouldBeAsync(HttpStatusCode.OK)).GetArrayLength().ShouldBeGreaterThan(0);
        // The activity functions wrote the Markdown pads as blobs on the app's storage connection.
        var container = host.Storage.Blobs.GetBlobContainerClient(BlobScratchpadStoreOptions.DefaultContainerName);
        var blobs = new List<string>();
        await foreach (var blob in container.GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = id + "/" }, Ct))
        {
            blobs.Add(blob.Name);
        }

        blobs.ShouldNotBeEmpty();
        blobs.ShouldAllBe(name => name.EndsWith(".md", StringComparison.Ordinal));
    }
}

using System.Reflection;
using System.Text.Json;
using Nexus.Agents.Scratchpads;
using Nexus.Api;
using Nexus.Functions.Hosting;
using Nexus.Functions.Http;
using Nexus.Testing;
using Nexus.Workflows.Activities;
using Nexus.Workflows.Entities;
using Nexus.Workflows.Orchestration;
using Shouldly;
using Xunit;

namespace Nexus.Functions.Tests.Hosting;

/// <summary>The build's <c>functions.metadata</c> — what the Functions host reads to index the app — lists every function
/// with its trigger and bindings.</summary>
public sealed class FunctionsMetadataTests
{
    private static readonly Dictionary<string, (string Method, string Route)> Http = new()
    {
        ["StartProject"] = ("post", ApiRoutes.Projects),
        ["ListProjects"] = ("get", ApiRoutes.Projects),
        ["GetProject"] = ("get", ApiRoutes.Project),
        ["PurgeProject"] = ("delete", ApiRoutes.Project),
        ["TerminateProject"] = ("post", ApiRoutes.Terminate),
        ["SuspendProject"] = ("post", ApiRoutes.Suspend),
        ["ResumeProject"] = ("post", ApiRoutes.Resume),
        ["RaiseProjectEvent"] = ("post", ApiRoutes.RaiseEvent),
        ["RestartProject"] = ("post", ApiRoutes.Restart),
        ["RetryProject"] = ("post", ApiRoutes.Retry),
        ["PurgeProjects"] = ("post", ApiRoutes.PurgeProjects),
        ["ListEntities"] = ("get", ApiRoutes.Entities),
        ["GetKpis"] = ("get", ApiRoutes.Kpis),
        ["SearchMemory"] = ("get", ApiRoutes.Memory),
        ["ListScratchpads"] = ("get", ApiRoutes.Scratchpads),
        ["GetScratchpad"] = ("get", ApiRoutes.Scratchpad),
        ["ListCommits"] = ("get", ApiRoutes.Commits),
        ["GetDiff"] = ("get", ApiRoutes.Diff),
        ["ListProjectAgents"] = ("get", ApiRoutes.ProjectAgents),
        ["CreateTask"] = ("post", ApiRoutes.TaskCreate),
        ["GetTaskStatus"] = ("get", ApiRoutes.TaskStatus),
        ["GetTaskResult"] = ("get", ApiRoutes.TaskResult),
        ["CancelTask"] = ("delete", ApiRoutes.Task),
        ["GetAgentsStatus"] = ("get", ApiRoutes.AgentsStatus),
        ["MessageAgent"] = ("post", ApiRoutes.AgentMessage),
        ["GetAgentSession"] = ("get", ApiRoutes.AgentSession),
        ["EnqueueSubmission"] = ("post", ApiRoutes.Queue),
        ["GetScratchpadMarkdown"] = ("get", ScratchpadMarkdownFunctions.Route),
    };

    // Routes only the Function App serves (no shared handler, so not in ApiRoutes).
    private static readonly string[] FunctionAppOnlyRoutes = [ScratchpadMarkdownFunctions.Route];

    private static readonly string[] Orchestrators = [ProjectOrchestration.Name, AgentChatOrchestration.Name];

    private static readonly string[] Activities =
        [PrepareWorkspaceActivity.Name, RunAgentStepActivity.Name, RunTestsActivity.Name, ListFilesActivity.Name, ScaffoldWorkspaceActivity.Name, RaiseAlertActivity.Name, RecordMemoryActivity.Name, AgentChatActivity.Name];

    private static readonly string[] Entities = [AgentSessionEntity.EntityName, ScratchpadsEntity.EntityName, ProjectJournalEntity.EntityName];

    [Fact]
    public void Wrappers_CoverEveryNameTheWorkflowRegistersOnNexusEngine()
    {
        // The factories are never called: only the names are read.
        var registry = new Nexus.Durable.Registry.DurableRegistry();
        Nexus.Hosting.WorkflowRegistration.Register(registry, services: null!, catalog: null!);

        Orchestrators.Order().ShouldBe(registry.OrchestrationNames.Order(), "orchestrator functions");
        Activities.Order().ShouldBe(registry.ActivityNames.Order(), "activity functions");
        Entities.Order().ShouldBe(registry.EntityNames.Order(), "entity functions");
    }

    [Fact]
    public void Metadata_ListsEveryFunctionOnce_AndNothingElse()
    {
        var names = Functions().Select(f => f.GetProperty("name").GetString()!).ToList();

        names.ShouldBeUnique();
        names.Order().ShouldBe([.. Http.Keys.Concat(Orchestrators).Concat(Activities).Concat(Entities).Append("ProcessSubmission").Order()]);
    }

    [Fact]
    public void HttpFunctions_AnonymousTriggersOnTheSharedRoutes_WithTheDurableClientAndAnHttpResult()
    {
        foreach (var (name, (method, route)) in Http)
        {
            var bindings = BindingsOf(name);
            var trigger = bindings.Single(b => b.GetProperty("type").GetString() == "httpTrigger");
            trigger.GetProperty("route").GetString().ShouldBe(route, name);
            trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()).ShouldBe([method], name);
            trigger.GetProperty("authLevel").GetString().ShouldBe("Anonymous", $"{name}: NEXUS's API key is the lock, checked by the shared gate");
            bindings.ShouldContain(b => b.GetProperty("type").GetString() == "durableClient", name);
            bindings.ShouldContain(b => b.GetProperty("type").GetString() == "http" && b.GetProperty("direction").GetString() == "Out", name);
        }

        // Every shared route is served (one home: ApiRoutes).
        var routes = typeof(ApiRoutes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!).ToHashSet();
        Http.Values.Select(h => h.Route).Except(FunctionAppOnlyRoutes).ToHashSet().ShouldBe(routes, ignoreOrder: true);
    }

    // The Functions host tries HTTP routes in the order it registered them, not by precedence as ASP.NET Core's endpoint
    // routing does: no URL may match two functions of one method (projects/purge against projects/{id}, say).
    [Fact]
    public void HttpFunctions_NoUrlMatchesTwoFunctionsOfOneMethod_SoRegistrationOrderNeverMatters()
    {
        var routes = Http.Select(h => (Name: h.Key, Trigger: BindingsOf(h.Key).Single(b => b.GetProperty("type").GetString() == "httpTrigger"))).ToList();

        var ambiguous =
            from a in routes
            from b in routes
            where string.CompareOrdinal(a.Name, b.Name) < 0
            from method in Methods(a.Trigger).Intersect(Methods(b.Trigger))
            where Overlap(a.Trigger.GetProperty("route").GetString()!, b.Trigger.GetProperty("route").GetString()!)
            select $"{method} {a.Name} / {b.Name}";

        ambiguous.ShouldBeEmpty();

        static IEnumerable<string> Methods(JsonElement trigger) => trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!);

        // Two templates match a common URL when they have as many segments and each pair is a parameter or the same literal.
        static bool Overlap(string first, string second)
        {
            var a = first.Split('/');
            var b = second.Split('/');
            return a.Length == b.Length && a.Zip(b).All(p => p.First.StartsWith('{') || p.Second.StartsWith('{') || string.Equals(p.First, p.Second, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public void WorkflowFunctions_HaveTheirDurableTriggers()
    {
        foreach (var name in Orchestrators)
        {
            BindingsOf(name).Single().GetProperty("type").GetString().ShouldBe("orchestrationTrigger", name);
        }

        foreach (var name in Entities)
        {
            BindingsOf(name).Single().GetProperty("type").GetString().ShouldBe("entityTrigger", name);
        }

        // Each activity is triggered by the Durable extension; those that read an entity (every one but the alert, which
        // only counts on the meter) bind the Durable client too.
        foreach (var name in Activities)
        {
            var types = BindingsOf(name).Select(b => b.GetProperty("type").GetString()).ToList();
            types.ShouldBe(name == RaiseAlertActivity.Name ? ["activityTrigger"] : ["activityTrigger", "durableClient"], ignoreOrder: true, name);
        }
    }

    [Fact]
    public void QueueFunction_TriggersOnNexusSubmissions_OverTheHostStorageConnection()
    {
        var bindings = BindingsOf("ProcessSubmission");
        var trigger = bindings.Single(b => b.GetProperty("type").GetString() == "queueTrigger");

        trigger.GetProperty("queueName").GetString().ShouldBe(FunctionAppSettings.SubmissionsQueue);
        trigger.GetProperty("connection").GetString().ShouldBe(FunctionAppSettings.StorageConnection);
        bindings.ShouldContain(b => b.GetProperty("type").GetString() == "durableClient");
        bindings.ShouldNotContain(b => b.GetProperty("direction").GetString() == "Out", "its outcome is a project or a parked message, not an output binding");
    }

    [Fact]
    public void ScratchpadMarkdown_ReadsThePadsBlob_InTheBlobStoresLayout_OverTheHostStorageConnection()
    {
        var blob = BindingsOf("GetScratchpadMarkdown").Single(b => b.GetProperty("type").GetString() == "blob");

        blob.GetProperty("direction").GetString().ShouldBe("In");
        blob.GetProperty("connection").GetString().ShouldBe(FunctionAppSettings.StorageConnection);
        // The path with the route's values filled in is where BlobScratchpadStore (in the container the app gives it) writes.
        var path = blob.GetProperty("blobPath").GetString()!;
        path.Replace("{id}", "p-1", StringComparison.Ordinal).Replace("{name}", "aria_to_code", StringComparison.Ordinal)
            .ShouldBe($"{BlobScratchpadStoreOptions.DefaultContainerName}/{BlobScratchpadStore.GetBlobName("p-1", "aria_to_code")}");
    }

    [Fact]
    public void ExtensionsJson_RegistersTheHostExtensionsTheBindingsNeed()
    {
        // Written by the Worker SDK's inner restore of the WebJobs extensions (offline here): without an extension the
        // host cannot index the functions that bind through it.
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(OutputDirectory(), "extensions.json")));
        var names = document.RootElement.GetProperty("extensions").EnumerateArray().Select(e => e.GetProperty("name").GetString()).ToList();

        foreach (var extension in new[] { "AzureStorageBlobs", "AzureStorageQueues", "DurableTask" })
        {
            names.ShouldContain(extension);
        }
    }

    [Fact]
    public void BuildOutput_CarriesTheRootHostJsonAndTheSettingsExample()
    {
        var output = OutputDirectory();

        File.ReadAllText(Path.Combine(output, "host.json")).ShouldBe(File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "host.json")));
        File.Exists(Path.Combine(output, "local.settings.json.example")).ShouldBeTrue();
    }

    private static List<JsonElement> BindingsOf(string name) =>
        [.. Functions().Single(f => f.GetProperty("name").GetString() == name).GetProperty("bindings").EnumerateArray()];

    private static List<JsonElement> Functions()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(OutputDirectory(), "functions.metadata")));
        return [.. document.RootElement.Clone().EnumerateArray()];
    }

    // The Function App's own build output (Release in CI, as this test assembly).
    private static string OutputDirectory()
    {
        var configuration = typeof(FunctionsMetadataTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        return Path.Combine(RepositoryRoot.Find(), "src", "Nexus.Functions", "bin", configuration, "net10.0");
    }
}

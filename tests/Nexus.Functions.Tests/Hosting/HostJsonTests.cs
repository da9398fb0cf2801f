using System.Text.Json;
using Nexus.Hosting;
using Nexus.Functions.Hosting;
using Nexus.Testing;
using Nexus.Workflows.Hosting;
using Shouldly;
using Xunit;

namespace Nexus.Functions.Tests.Hosting;

/// <summary><c>host.json</c> agrees with the code it configures: the facts both name are the same.</summary>
public sealed class HostJsonTests
{
    [Fact]
    public void HostJson_MatchesTheAppsLimitsAndNames()
    {
        using var hostJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "host.json")));
        var extensions = hostJson.RootElement.GetProperty("extensions");
        var durable = extensions.GetProperty("durableTask");
        var queues = extensions.GetProperty("queues");

        // One instance runs as many activities as NEXUS lets agent turns run per backend.
        durable.GetProperty("maxConcurrentActivityFunctions").GetInt32().ShouldBe(new NexusOptions().MaxAgentTurnsPerBackend);
        durable.GetProperty("storageProvider").GetProperty("connectionName").GetString().ShouldBe(FunctionAppSettings.StorageConnection);
        durable.GetProperty("hubName").GetString().ShouldBe("nexus");
        // The trigger parks a message itself at the last delivery, so that it lands in the poison queue with its reason.
        queues.GetProperty("maxDequeueCount").GetInt32().ShouldBe(FunctionAppSettings.MaxDequeueCount);
        queues.GetProperty("messageEncoding").GetString().ShouldBe("none");
        extensions.GetProperty("http").GetProperty("routePrefix").GetString().ShouldBe("api");
        TimeSpan.Parse(hostJson.RootElement.GetProperty("functionTimeout").GetString()!, System.Globalization.CultureInfo.InvariantCulture)
            .ShouldBeGreaterThanOrEqualTo(TimeSpan.FromHours(1), "agent turns and test runs take minutes to an hour");
    }
}

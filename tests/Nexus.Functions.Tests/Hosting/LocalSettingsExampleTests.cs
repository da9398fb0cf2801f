using System.Text.Json;
using Nexus.Api;
using Nexus.Functions.Hosting;
using Nexus.Functions.Tests.Support;
using Nexus.Testing;
using Nexus.Workflows.Hosting;
using Shouldly;
using Xunit;
using Nexus.Hosting;

namespace Nexus.Functions.Tests.Hosting;

/// <summary><c>local.settings.json.example</c>: every setting the app reads, each explained, none with a secret value.</summary>
public sealed class LocalSettingsExampleTests
{
    // Settings of the Functions host and of the configuration binding: read by the host or by IConfiguration, not by a
    // variable name in our code.
    private static readonly string[] HostAndConfigurationSettings =
    [
        FunctionAppSettings.StorageConnection,
        "FUNCTIONS_WORKER_RUNTIME",
        $"{ApiOptions.Section}__{nameof(ApiOptions.MaxRequestBodyBytes)}",
        $"{ApiOptions.Section}__{nameof(ApiOptions.RetryAfterSeconds)}",
    ];

    // Read by the code but not settings of this app, each for its reason. Everything else the code reads must be in the example.
    private static readonly Dictionary<string, string> NotSettingsOfTheApp = new(StringComparer.Ordinal)
    {
        ["PATH"] = "the platform's; passed to agents and test runs",
        ["HOME"] = "the platform's",
        ["TMPDIR"] = "the platform's",
        [NexusOptions.ScratchpadsVariable] = "the Function App always keeps the pads as blobs on AzureWebJobsStorage (FunctionAppServices)",
        [NexusOptions.ScratchpadsConnectionVariable] = "as NEXUS_SCRATCHPADS",
        [NexusOptions.OtlpEndpointVariable] = "only nexus serve and the CLI export OTLP; the Function App reports to Application Insights",
        [NexusOptions.OtlpProtocolVariable] = "as OTEL_EXPORTER_OTLP_ENDPOINT",
    };

    [Fact]
    public void SettingsFoundInTheCode_IncludeTheKnownOnes_SoTheScanWorks()
    {
        var found = SettingsReadByTheApp.Find();

        found.Keys.ShouldContain(NexusOptions.DataVariable);
        found.Keys.ShouldContain(PerformanceLimits.MaxAgentTurnSecondsVariable);
        found.Keys.ShouldContain("ANTHROPIC_BASE_URL");
        found.Keys.ShouldContain("npm_config_registry");
        found.Keys.ShouldNotContain("NEXUS_SERVER", "the CLI's setting: Nexus.Cli is no reference of the Function App");
    }

    [Fact]
    public void Example_ListsEverySettingTheAppReads_EachExplained()
    {
        using var example = Read();
        var values = example.RootElement.GetProperty("Values").EnumerateObject().Select(p => p.Name).ToList();
        var comments = example.RootElement.GetProperty("_comments");

        // App settings are case-insensitive on Azure: one entry documents npm_config_registry and NPM_CONFIG_REGISTRY.
        var documented = values.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var missing = SettingsReadByTheApp.Find()
            .Where(s => !NotSettingsOfTheApp.ContainsKey(s.Key) && !documented.Contains(s.Key))
            .Select(s => $"{s.Key} (read in {string.Join(", ", s.Value)})")
            .Concat(HostAndConfigurationSettings.Where(s => !documented.Contains(s)));
        missing.ShouldBeEmpty("every setting the app reads has an entry in local.settings.json.example");
        foreach (var name in values)
        {
            comments.TryGetProperty(name, out var comment).ShouldBeTrue($"{name} has no explanation under _comments");
            comment.GetString().ShouldNotBeNullOrWhiteSpace(name);
        }
    }

    [Fact]
    public void Example_HoldsNoSecret()
    {
        using var example = Read();

        foreach (var setting in example.RootElement.GetProperty("Values").EnumerateObject())
        {
            if (setting.Name.Contains("KEY", StringComparison.OrdinalIgnoreCase) || setting.Name.Contains("SECRET", StringComparison.OrdinalIgnoreCase)
                || setting.Name.Contains("TOKEN", StringComparison.OrdinalIgnoreCase))
            {
                setting.Value.GetString().ShouldBeEmpty($"{setting.Name} must stay empty in the example");
            }
        }

        example.RootElement.GetProperty("Values").GetProperty(FunctionAppSettings.StorageConnection).GetString().ShouldBe("UseDevelopmentStorage=true");
    }

    private static JsonDocument Read() => JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "local.settings.json.example")));
}

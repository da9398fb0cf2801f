using System.Text.Json;
using Nexus.Api;
using Nexus.Functions.Hosting;
using Nexus.Testing;
using Nexus.Workflows.Hosting;
using Shouldly;
using Xunit;
using Nexus.Hosting;

namespace Nexus.Functions.Tests.Hosting;

/// <summary><c>local.settings.json.example</c>: every setting the app reads, each explained, none with a secret value.</summary>
public sealed class LocalSettingsExampleTests
{
    private static readonly string[] ReadByTheApp =
    [
        FunctionAppSettings.StorageConnection,
        "FUNCTIONS_WORKER_RUNTIME",
        ApiOptions.ApiKeyVariable,
        $"{ApiOptions.Section}__{nameof(ApiOptions.MaxRequestBodyBytes)}",
        $"{ApiOptions.Section}__{nameof(ApiOptions.RetryAfterSeconds)}",
        NexusOptions.DataVariable,
        "NEXUS_SCENARIOS",
        NexusOptions.ConfigVariable,
        NexusOptions.UnsandboxedVariable,
        NexusOptions.SandboxReadOnlyVariable,
    ];

    [Fact]
    public void Example_ListsEverySettingTheAppReads_EachExplained()
    {
        using var example = Read();
        var values = example.RootElement.GetProperty("Values").EnumerateObject().Select(p => p.Name).ToList();
        var comments = example.RootElement.GetProperty("_comments");

        ReadByTheApp.ShouldBeSubsetOf(values);
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

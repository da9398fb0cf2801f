namespace Nexus.Cli.Setup;

/// <summary>A replay scenario's <c>scenario.json</c>: what the recorded project was asked to build.</summary>
internal sealed record ScenarioDescription
{
    public string? Name { get; init; }

    public string Description { get; init; } = string.Empty;

    public string? Requirements { get; init; }

    public string? Technology { get; init; }

    public string? TestCommand { get; init; }
}

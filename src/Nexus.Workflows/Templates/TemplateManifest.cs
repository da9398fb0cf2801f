namespace Nexus.Workflows.Templates;

/// <summary>A template's <c>template.json</c>.</summary>
internal sealed record TemplateManifest
{
    public string? Description { get; init; }

    public string? Technology { get; init; }

    public string? TestCommand { get; init; }

    public IReadOnlyList<string>? QaTools { get; init; }

    public IReadOnlyList<string>? SecurityTools { get; init; }
}

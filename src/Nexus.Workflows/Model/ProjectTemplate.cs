namespace Nexus.Workflows.Model;

/// <summary>A project template as a project carries it: read once when the project starts (see
/// <see cref="Templates.TemplateCatalog"/>) and kept in its <see cref="ProjectRequest"/>, so that a replay or a retry never
/// reads the template's files again.</summary>
public sealed record ProjectTemplate
{
    /// <summary>The template's name (its folder's name).</summary>
    public required string Name { get; init; }

    /// <summary>One line on what it starts.</summary>
    public string Description { get; init; } = string.Empty;

    /// <summary>Where it came from: <c>built-in</c>, or the folder of a user template.</summary>
    public string Source { get; init; } = TemplateSources.BuiltIn;

    /// <summary>Language and framework; the project's technology unless the user gives one.</summary>
    public string? Technology { get; init; }

    /// <summary>The command that runs the scaffold's tests; the project's test command unless the user gives one.</summary>
    public string? TestCommand { get; init; }

    /// <summary>The plan skeleton (Markdown): in Aria's prompt, and the plan itself when the planner model is unavailable.</summary>
    public string PlanSkeleton { get; init; } = string.Empty;

    /// <summary>The QA tools the template's projects are measured with (names, for the QA gate and the plan).</summary>
    public IReadOnlyList<string> QaTools { get; init; } = [];

    /// <summary>The security tools the template's projects are scanned with (names, for the Security gate and the plan).</summary>
    public IReadOnlyList<string> SecurityTools { get; init; } = [];

    /// <summary>The files copied into the workspace as the project's first commit.</summary>
    public IReadOnlyList<TemplateFile> Scaffold { get; init; } = [];
}

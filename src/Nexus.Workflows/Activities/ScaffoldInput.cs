using Nexus.Workflows.Model;

namespace Nexus.Workflows.Activities;

/// <summary>The input of <see cref="ScaffoldWorkspaceActivity"/>.</summary>
/// <param name="ProjectId">The project.</param>
/// <param name="StartCommit">The workspace's commit before the scaffold (its first).</param>
/// <param name="Template">The template's name (in the commit message).</param>
/// <param name="Files">The scaffold files, as the request carries them.</param>
public sealed record ScaffoldInput(string ProjectId, string StartCommit, string Template, IReadOnlyList<TemplateFile> Files);

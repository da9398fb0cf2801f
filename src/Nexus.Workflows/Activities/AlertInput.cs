using Nexus.Workflows.Model;

namespace Nexus.Workflows.Activities;

/// <summary>The input of <see cref="RaiseAlertActivity"/>.</summary>
/// <param name="ProjectId">The project.</param>
/// <param name="Alert">The alert.</param>
public sealed record AlertInput(string ProjectId, ProjectAlert Alert);

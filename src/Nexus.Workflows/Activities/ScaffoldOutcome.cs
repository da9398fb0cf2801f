namespace Nexus.Workflows.Activities;

/// <summary>What <see cref="ScaffoldWorkspaceActivity"/> did.</summary>
/// <param name="Commit">The scaffold's commit (made now, or found from an earlier run of the project).</param>
/// <param name="Message">Its message.</param>
/// <param name="Head">The workspace's commit afterwards (the scaffold's, unless later steps of an earlier run followed it).</param>
public sealed record ScaffoldOutcome(string Commit, string Message, string Head);

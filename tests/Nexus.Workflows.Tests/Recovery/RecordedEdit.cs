namespace Nexus.Workflows.Tests.Recovery;

/// <summary>A file a recorded turn writes: its workspace-relative path and content.</summary>
internal sealed record RecordedEdit(string Path, string Content);

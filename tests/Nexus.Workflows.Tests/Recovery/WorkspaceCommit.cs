namespace Nexus.Workflows.Tests.Recovery;

/// <summary>One commit of a workspace: id, parent ids, author name and subject.</summary>
internal sealed record WorkspaceCommit(string Id, IReadOnlyList<string> Parents, string Author, string Subject)
{
    public override string ToString() => $"{Id[..7]} {Author}: {Subject} (parents {string.Join(' ', Parents.Select(p => p[..7]))})";
}

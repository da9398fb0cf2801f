namespace Nexus.Workflows.Model;

/// <summary>One scaffold file of a <see cref="ProjectTemplate"/>.</summary>
/// <param name="Path">Relative to the workspace, with <c>/</c> separators.</param>
/// <param name="Content">The file's text (UTF-8).</param>
public sealed record TemplateFile(string Path, string Content);

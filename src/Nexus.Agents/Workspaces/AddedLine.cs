namespace Nexus.Agents.Workspaces;

/// <summary>A line that staged changes add to a file.</summary>
/// <param name="Number">The line's number in the new file, from 1.</param>
/// <param name="Text">The line without its line break (and without a trailing <c>\r</c>).</param>
public readonly record struct AddedLine(int Number, string Text);

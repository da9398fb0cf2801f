namespace Nexus.Agents.Quality;

/// <summary>One function as <see cref="ComplexityCounter"/> measured it.</summary>
/// <param name="File">The workspace-relative path.</param>
/// <param name="Name">The function's name (<c>(anonymous)</c> for an unnamed callback).</param>
/// <param name="Line">The line its body starts on, from 1.</param>
/// <param name="EndLine">The line its body ends on.</param>
/// <param name="Complexity">Cyclomatic complexity: 1 plus its decision points (nested functions counted on their own).</param>
public sealed record FunctionComplexity(string File, string Name, int Line, int EndLine, int Complexity)
{
    /// <summary>How many lines the function spans.</summary>
    public int Lines => EndLine - Line + 1;
}

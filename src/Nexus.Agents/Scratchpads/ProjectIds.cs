using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace Nexus.Agents.Scratchpads;

/// <summary>The rule for project ids, which become folder names: 1–64 ASCII letters, digits, <c>_</c> or <c>-</c>.</summary>
public static partial class ProjectIds
{
    /// <summary><see langword="true"/> when <paramref name="projectId"/> matches <c>^[A-Za-z0-9_-]{1,64}$</c>.</summary>
    public static bool IsValid(string? projectId) => projectId is not null && IdPattern().IsMatch(projectId);

    /// <summary>Returns <paramref name="projectId"/> when it is valid; otherwise throws <see cref="ArgumentException"/>.</summary>
    public static string Validate(string? projectId, [CallerArgumentExpression(nameof(projectId))] string? parameterName = null) =>
        IsValid(projectId)
            ? projectId!
            : throw new ArgumentException(
                $"'{projectId}' is not a valid project id: use 1 to 64 ASCII letters, digits, '_' or '-'.", parameterName);

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}

using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace Nexus.Agents.Scratchpads;

/// <summary>The names of the built-in scratchpads and the rule every pad name follows.</summary>
/// <remarks>
/// A pad name is also a file name (<c>&lt;name&gt;.md</c>), so it is deliberately narrow: a lower-case letter, then up to
/// 63 lower-case letters, digits or underscores. Anything else (upper case, path characters, <c>..</c>, empty) is rejected.
/// </remarks>
public static partial class ScratchpadNames
{
    /// <summary>ARIA (planning) → CODE (implementation).</summary>
    public const string AriaToCode = "aria_to_code";

    /// <summary>CODE → ALPHA (test creation).</summary>
    public const string CodeToAlpha = "code_to_alpha";

    /// <summary>ALPHA → BETA (validation).</summary>
    public const string AlphaToBeta = "alpha_to_beta";

    /// <summary>BETA → ARIA (findings back to planning).</summary>
    public const string BetaToAria = "beta_to_aria";

    /// <summary>Context every agent reads.</summary>
    public const string SharedContext = "shared_context";

    /// <summary>The orchestrator's (Prime's) feedback and decisions.</summary>
    public const string OrchestratorFeedback = "orchestrator_feedback";

    /// <summary>The QA gate's reports (coverage, complexity), for Prime, Alpha and Code.</summary>
    public const string QaReport = "qa_report";

    /// <summary>The Security gate's reports (findings with severity, file and line), for Prime and Code.</summary>
    public const string SecurityReport = "security_report";

    /// <summary>The eight built-in pads, in workflow order (the gates' two after the agents' six).</summary>
    public static IReadOnlyList<string> BuiltIn { get; } =
        [AriaToCode, CodeToAlpha, AlphaToBeta, BetaToAria, SharedContext, OrchestratorFeedback, QaReport, SecurityReport];

    /// <summary><see langword="true"/> for one of <see cref="BuiltIn"/>.</summary>
    public static bool IsBuiltIn(string? name) => name is not null && BuiltIn.Contains(name, StringComparer.Ordinal);

    /// <summary><see langword="true"/> when <paramref name="name"/> is a valid pad name (<c>^[a-z][a-z0-9_]{0,63}$</c>).</summary>
    public static bool IsValid(string? name) => name is not null && NamePattern().IsMatch(name);

    /// <summary>Returns <paramref name="name"/> when it is valid; otherwise throws <see cref="ArgumentException"/> saying why.</summary>
    public static string Validate(string? name, [CallerArgumentExpression(nameof(name))] string? parameterName = null)
    {
        if (IsValid(name))
        {
            return name!;
        }

        throw new ArgumentException(
            $"'{name}' is not a valid scratchpad name: use a lower-case letter followed by up to 63 lower-case letters, digits or underscores " +
            $"(built-in pads: {string.Join(", ", BuiltIn)}).",
            parameterName);
    }

    [GeneratedRegex(@"^[a-z][a-z0-9_]{0,63}\z", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}

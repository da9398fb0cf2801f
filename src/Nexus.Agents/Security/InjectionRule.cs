using System.Text.RegularExpressions;

namespace Nexus.Agents.Security;

/// <summary>One injection-prone pattern of <see cref="InjectionPatterns"/>.</summary>
/// <param name="Id">The rule's id.</param>
/// <param name="Severity">The severity of a match.</param>
/// <param name="Extensions">The file extensions it applies to.</param>
/// <param name="Pattern">What it matches on one line.</param>
/// <param name="InCode">Matched against the line with string contents and comments blanked (a call such as <c>eval(</c>);
/// otherwise against the raw line (patterns that look at how a string is built).</param>
/// <param name="Message">What is wrong and what to do instead.</param>
internal sealed record InjectionRule(string Id, string Severity, IReadOnlySet<string> Extensions, Regex Pattern, bool InCode, string Message);

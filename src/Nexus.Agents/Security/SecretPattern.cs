using System.Text.RegularExpressions;

namespace Nexus.Agents.Security;

/// <summary>One shape the commit scan looks for.</summary>
/// <param name="Kind">The human name of what it finds (<c>GitHub token</c>); never a value.</param>
/// <param name="Regex">The shape; the group <c>secret</c> holds the credential.</param>
/// <param name="Classify">Given a match, the kind to report, or <see langword="null"/> when the match is not a credential
/// after all (a placeholder, a template, a variable reference).</param>
internal sealed record SecretPattern(string Kind, Regex Regex, Func<Match, string?> Classify);

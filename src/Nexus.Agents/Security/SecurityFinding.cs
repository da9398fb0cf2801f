namespace Nexus.Agents.Security;

/// <summary>One finding of the Security gate.</summary>
/// <param name="Severity"><see cref="SecuritySeverity.High"/> (blocks <c>done</c>), <see cref="SecuritySeverity.Medium"/> or
/// <see cref="SecuritySeverity.Low"/>.</param>
/// <param name="File">The workspace-relative path.</param>
/// <param name="Line">The line, from 1; <see langword="null"/> for a finding about the file as a whole.</param>
/// <param name="Rule">The rule's id (<c>secret</c>, <c>js-eval</c>, <c>py-shell</c>, …).</param>
/// <param name="Message">What is wrong and what to do instead; never a secret's value.</param>
public sealed record SecurityFinding(string Severity, string File, int? Line, string Rule, string Message)
{
    /// <summary><c>high src/db.js:12 js-sql: …</c>.</summary>
    public override string ToString() => $"{Severity} {File}{(Line is { } line ? $":{line}" : string.Empty)} {Rule}: {Message}";
}

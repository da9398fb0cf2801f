namespace Nexus.Agents.Security;

/// <summary>What a dependency audit found and what it says about itself.</summary>
/// <param name="Summary">One line for the report: what was audited and how, or <c>not audited: …</c> with the reason.</param>
/// <param name="Findings">The vulnerable packages, as Security findings (rule <c>dependency</c>).</param>
public sealed record DependencyAuditResult(string Summary, IReadOnlyList<SecurityFinding> Findings)
{
    /// <summary>The audit did not run; <paramref name="reason"/> says why (one line).</summary>
    public static DependencyAuditResult NotAudited(string reason) => new($"not audited: {reason}", []);
}

using Nexus.Agents.Sandboxing;
using Nexus.Agents.Workspaces;

namespace Nexus.Agents.Security;

/// <summary>The Security gate: scans what a project's commits add for secrets (the commit scan's own
/// <see cref="SecretScanner"/>) and for injection-prone patterns (<see cref="InjectionPatterns"/>), and audits its
/// dependencies (<see cref="DependencyAudit"/>).</summary>
/// <remarks>
/// The change scanned runs from the workspace's first commit to the commit under test, so a finding that a later
/// iteration did not fix is found again rather than dropped with the iteration that added it. Secrets are high
/// severity (the commit scan already refuses configured values and credential shapes, so one found here passed it in a
/// form only the gate reports). Vulnerable dependencies have npm's severity (critical and high are high); a dependency
/// check that could not run says so in <see cref="SecurityReport.DependencyCheck"/> and does not block.
/// </remarks>
public sealed class SecurityGate(SecretScanner scanner, DependencyAudit? dependencies = null)
{
    private readonly SecretScanner _scanner = scanner ?? throw new ArgumentNullException(nameof(scanner));
    private readonly DependencyAudit _dependencies = dependencies ?? new DependencyAudit();

    /// <summary>Scans what <paramref name="workspace"/>'s commits add from its first commit to <paramref name="commit"/>
    /// and audits the dependencies of its files, which must be at <paramref name="commit"/>.</summary>
    /// <param name="workspace">The project's workspace, reset to <paramref name="commit"/>.</param>
    /// <param name="commit">The commit under test.</param>
    /// <param name="sandbox">Confines the dependency audit (as the test run); <see langword="null"/>: unconfined (tests only).</param>
    /// <param name="cancellationToken">Stops the scan and the audit.</param>
    public async Task<SecurityReport> ScanAsync(GitWorkspace workspace, string commit, IProcessSandbox? sandbox = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        var root = await workspace.RootCommitAsync(cancellationToken).ConfigureAwait(false);
        var changes = await workspace.ChangesBetweenAsync(root, commit, cancellationToken).ConfigureAwait(false);
        var audit = await _dependencies.AuditAsync(workspace.Directory, sandbox, cancellationToken).ConfigureAwait(false);
        return Scan(changes, root, commit, audit);
    }

    /// <summary>Scans <paramref name="changes"/> (the lines a change adds) and adds what the dependency audit found.</summary>
    public SecurityReport Scan(StagedChanges changes, string fromCommit, string toCommit, DependencyAuditResult? dependencies = null)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var findings = new List<SecurityFinding>();
        findings.AddRange(_scanner.Scan(changes).Select(s => new SecurityFinding(
            SecuritySeverity.High, s.File, s.Line, "secret", s.Line is null ? s.Kind : $"holds {SecretFinding.WithArticle(s.Kind)}: move it to the environment or a secret store")));
        foreach (var file in changes.Files.Where(f => !f.IsBinary))
        {
            findings.AddRange(InjectionPatterns.Scan(file.Path, file.AddedLines));
        }

        findings.AddRange(dependencies?.Findings ?? []);

        return new SecurityReport
        {
            FromCommit = fromCommit,
            ToCommit = toCommit,
            FilesScanned = changes.Files.Count,
            Findings = [.. findings
                .OrderBy(f => SecuritySeverity.Rank(f.Severity))
                .ThenBy(f => f.File, StringComparer.Ordinal)
                .ThenBy(f => f.Line ?? 0)],
            DependencyCheck = dependencies?.Summary ?? "not run",
        };
    }
}

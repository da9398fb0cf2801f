using Nexus.Agents.Workspaces;

namespace Nexus.Agents.Security;

/// <summary>The Security gate: scans what a project's commits add for secrets (the commit scan's own
/// <see cref="SecretScanner"/>) and for injection-prone patterns (<see cref="InjectionPatterns"/>).</summary>
/// <remarks>
/// The change scanned runs from the workspace's first commit to the commit under test, so a finding that a later
/// iteration did not fix is found again rather than dropped with the iteration that added it. Secrets are high
/// severity (the commit scan already refuses configured values and credential shapes, so one found here passed it in a
/// form only the gate reports). Dependencies are not audited: see <see cref="DependencyCheck"/>.
/// </remarks>
public sealed class SecurityGate(SecretScanner scanner)
{
    /// <summary>What the report says about dependencies.</summary>
    /// <remarks>NEXUS does not run <c>npm audit</c>, <c>pip-audit</c> or <c>dotnet list package --vulnerable</c>: each needs
    /// the advisory database from the network (<c>npm audit --offline</c> has no advisories to check against), and running
    /// a package manager on an agent's manifest outside the sandbox is not something the gate does.</remarks>
    public const string DependencyCheck =
        "not audited: npm audit, pip-audit and dotnet's vulnerable-package check need the advisory database from the network, so NEXUS does not run them.";

    private readonly SecretScanner _scanner = scanner ?? throw new ArgumentNullException(nameof(scanner));

    /// <summary>Scans what <paramref name="workspace"/>'s commits add from its first commit to <paramref name="commit"/>.</summary>
    public async Task<SecurityReport> ScanAsync(GitWorkspace workspace, string commit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        var root = await workspace.RootCommitAsync(cancellationToken).ConfigureAwait(false);
        var changes = await workspace.ChangesBetweenAsync(root, commit, cancellationToken).ConfigureAwait(false);
        return Scan(changes, root, commit);
    }

    /// <summary>Scans <paramref name="changes"/> (the lines a change adds).</summary>
    public SecurityReport Scan(StagedChanges changes, string fromCommit, string toCommit)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var findings = new List<SecurityFinding>();
        findings.AddRange(_scanner.Scan(changes).Select(s => new SecurityFinding(
            SecuritySeverity.High, s.File, s.Line, "secret", s.Line is null ? s.Kind : $"holds {SecretFinding.WithArticle(s.Kind)}: move it to the environment or a secret store")));
        foreach (var file in changes.Files.Where(f => !f.IsBinary))
        {
            findings.AddRange(InjectionPatterns.Scan(file.Path, file.AddedLines));
        }

        return new SecurityReport
        {
            FromCommit = fromCommit,
            ToCommit = toCommit,
            FilesScanned = changes.Files.Count,
            Findings = [.. findings
                .OrderBy(f => f.Severity switch { SecuritySeverity.High => 0, SecuritySeverity.Medium => 1, _ => 2 })
                .ThenBy(f => f.File, StringComparer.Ordinal)
                .ThenBy(f => f.Line ?? 0)],
            DependencyCheck = DependencyCheck,
        };
    }
}

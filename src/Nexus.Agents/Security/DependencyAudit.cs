using Nexus.Agents.Sandboxing;

namespace Nexus.Agents.Security;

/// <summary>The Security gate's dependency check: audits what an ecosystem's own audit can check here, and says plainly
/// which dependencies it did not audit and why.</summary>
/// <remarks>
/// <para>npm: <see cref="NpmAudit"/> (<c>npm audit</c> against the configured registry; a registry without the audit
/// endpoint gives <c>not audited: the registry answered …</c>).</para>
/// <para>Python and .NET are not audited: there is no offline advisory database here, pip-audit is not installed, and
/// dotnet's vulnerable-package check needs nuget.org's vulnerability feed (and a restore); the report says so when the
/// workspace has their manifests.</para>
/// </remarks>
public sealed class DependencyAudit
{
    /// <summary>What the report says of a Python project.</summary>
    public const string PythonNotAudited = "Python: not audited: no offline advisory source (pip-audit is not installed here and there is no offline advisory database)";

    /// <summary>What the report says of a .NET project.</summary>
    public const string DotNetNotAudited = ".NET: not audited: dotnet's vulnerable-package check needs nuget.org's vulnerability feed and a restore, so NEXUS does not run it";

    /// <summary>What the report says when the workspace has no manifest the check knows.</summary>
    public const string NoManifest = "no dependency manifest (package.json, requirements.txt, pyproject.toml, a .NET project) in the workspace";

    private static readonly string[] PythonManifests = ["pyproject.toml", "Pipfile", "setup.py", "setup.cfg"];

    private static readonly string[] DotNetPatterns = ["*.csproj", "*.fsproj", "*.vbproj", "*.sln", "*.slnx"];

    private static readonly EnumerationOptions NearTheRoot = new()
    {
        RecurseSubdirectories = true,
        MaxRecursionDepth = 2,
        IgnoreInaccessible = true,
        AttributesToSkip = FileAttributes.Hidden | FileAttributes.ReparsePoint,
    };

    private readonly NpmAudit _npm;

    /// <summary>Creates the check; default npm audit: <see cref="NpmAudit"/> with its defaults.</summary>
    public DependencyAudit(NpmAudit? npm = null) => _npm = npm ?? new NpmAudit();

    /// <summary>Audits the dependencies of <paramref name="workspaceDirectory"/>.</summary>
    /// <param name="workspaceDirectory">The workspace, at the commit under test.</param>
    /// <param name="sandbox">Confines the audit programs (as the test run); <see langword="null"/>: unconfined (tests only).</param>
    /// <param name="cancellationToken">Stops the audit.</param>
    public async Task<DependencyAuditResult> AuditAsync(string workspaceDirectory, IProcessSandbox? sandbox = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workspaceDirectory);
        var root = Path.GetFullPath(workspaceDirectory);
        var summaries = new List<string>();
        var findings = new List<SecurityFinding>();
        if (await _npm.AuditAsync(root, sandbox, cancellationToken).ConfigureAwait(false) is { } npm)
        {
            summaries.Add($"npm: {npm.Summary}");
            findings.AddRange(npm.Findings);
        }

        if (PythonManifests.Any(name => File.Exists(Path.Combine(root, name))) || Directory.EnumerateFiles(root, "requirements*.txt").Any())
        {
            summaries.Add(PythonNotAudited);
        }

        if (DotNetPatterns.Any(pattern => Directory.EnumerateFiles(root, pattern, NearTheRoot).Any()))
        {
            summaries.Add(DotNetNotAudited);
        }

        return new DependencyAuditResult(summaries.Count == 0 ? NoManifest : string.Join("; ", summaries), findings);
    }
}

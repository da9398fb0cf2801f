using System.Globalization;
using System.Text.Json;
using Nexus.Agents.Processes;
using Nexus.Agents.Sandboxing;

namespace Nexus.Agents.Security;

/// <summary>Audits a workspace's npm dependencies with npm's own <c>npm audit --json --package-lock-only</c>, against the
/// registry npm is configured with (the project's <c>.npmrc</c>, <c>npm_config_registry</c> in NEXUS's environment, or
/// npm's default), inside the step's sandbox like the QA gate's coverage run.</summary>
/// <remarks>
/// <para>The audit reads <c>package-lock.json</c> only: nothing is installed and nothing in the workspace changes. Without
/// a lockfile the workspace is not audited (generating one would change the project's files). npm sends the locked
/// versions to the registry (<c>POST /-/npm/v1/security/advisories/bulk</c>, gzip'd JSON <c>{"name": ["version"]}</c>) and
/// reads each advisory's package document (<c>GET /name</c>) to tell whether a fix is available.</para>
/// <para>When the audit cannot run (the registry refuses the audit request or cannot be reached, npm is not installed, it
/// does not finish within the timeout) the result says <c>not audited: …</c> with the reason and has no finding: the gate
/// does not block on it, and the report never looks audited when it was not.</para>
/// </remarks>
public sealed class NpmAudit
{
    /// <summary>How long the audit may take by default.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The arguments after <c>npm</c>. <c>--offline=false</c>: an <c>.npmrc</c> that sets <c>offline</c> would
    /// otherwise make npm print an empty report without asking anything.</summary>
    public static IReadOnlyList<string> Arguments { get; } = ["audit", "--json", "--package-lock-only", "--offline=false"];

    /// <summary>The largest manifest NEXUS reads for the lines of findings.</summary>
    private const int MaxManifestBytes = 32 << 20;

    /// <summary>The variables of NEXUS's environment that choose npm's registry, passed on when set.</summary>
    private static readonly string[] RegistryVariables = ["npm_config_registry", "NPM_CONFIG_REGISTRY"];

    private static readonly string[] DependencySections = ["dependencies", "devDependencies", "optionalDependencies", "peerDependencies"];

    private readonly IProcessRunner _runner;
    private readonly string _program;
    private readonly TimeSpan _timeout;

    /// <summary>Creates the audit.</summary>
    /// <param name="runner">Runs npm; default: a <see cref="ProcessRunner"/>.</param>
    /// <param name="program">The npm program; default <c>npm</c> on the sandbox's <c>PATH</c>.</param>
    /// <param name="timeout">How long the audit may take; default <see cref="DefaultTimeout"/>.</param>
    public NpmAudit(IProcessRunner? runner = null, string program = "npm", TimeSpan? timeout = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(program);
        _runner = runner ?? new ProcessRunner();
        _program = program;
        _timeout = timeout ?? DefaultTimeout;
    }

    /// <summary>Audits the npm dependencies of <paramref name="workspaceDirectory"/> (its root <c>package.json</c>);
    /// <see langword="null"/> when it has no <c>package.json</c>.</summary>
    /// <param name="workspaceDirectory">The workspace, at the commit under test.</param>
    /// <param name="sandbox">Confines npm (as the test run); <see langword="null"/>: unconfined (tests only).</param>
    /// <param name="cancellationToken">Stops the audit.</param>
    public async Task<DependencyAuditResult?> AuditAsync(string workspaceDirectory, IProcessSandbox? sandbox = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workspaceDirectory);
        var root = Path.GetFullPath(workspaceDirectory);
        var manifest = new FileInfo(Path.Combine(root, "package.json"));
        if (!manifest.Exists)
        {
            return null;
        }

        if (Read(manifest) is not { } packageJson)
        {
            return DependencyAuditResult.NotAudited("package.json is a symbolic link or too large to read");
        }

        if (HasDependencies(packageJson) is not { } has)
        {
            return DependencyAuditResult.NotAudited("package.json is not valid JSON");
        }

        if (!has)
        {
            return new DependencyAuditResult("nothing to audit: package.json has no dependencies", []);
        }

        var lockFile = new FileInfo(Path.Combine(root, "package-lock.json"));
        if (!lockFile.Exists)
        {
            return DependencyAuditResult.NotAudited("no package-lock.json (npm audit needs the lockfile, and NEXUS does not generate one: that would change the project's files)");
        }

        var spec = new ProcessSpec
        {
            FileName = _program,
            Arguments = Arguments,
            WorkingDirectory = root,
            Environment = Variables(),
            InheritEnvironment = false,
            Timeout = _timeout,
            OutputLimitBytes = MaxManifestBytes,
        };
        ProcessOutcome outcome;
        try
        {
            outcome = await _runner.RunAsync(sandbox?.Apply(spec) ?? spec, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException)
        {
            return DependencyAuditResult.NotAudited("npm is not installed");
        }

        if (outcome.TimedOut)
        {
            return DependencyAuditResult.NotAudited(string.Create(CultureInfo.InvariantCulture, $"npm audit did not finish within {_timeout.TotalSeconds:0} s (is the registry reachable?)"));
        }

        if (outcome.OutputTruncated)
        {
            return DependencyAuditResult.NotAudited(string.Create(CultureInfo.InvariantCulture, $"npm audit's report is larger than the {MaxManifestBytes >> 20} MiB NEXUS reads"));
        }

        return NpmAuditReport.Read(outcome.Stdout, outcome.Stderr, packageJson, Read(lockFile) ?? string.Empty);
    }

    private static Dictionary<string, string?> Variables()
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["CI"] = "true",
            ["NO_COLOR"] = "1",
            ["npm_config_update_notifier"] = "false",
            ["npm_config_fund"] = "false",
        };
        foreach (var name in RegistryVariables)
        {
            if (Environment.GetEnvironmentVariable(name) is { Length: > 0 } registry)
            {
                environment[name] = registry;
            }
        }

        return environment;
    }

    /// <summary>Whether <paramref name="packageJson"/> declares a dependency; <see langword="null"/> when it is not JSON.</summary>
    private static bool? HasDependencies(string packageJson)
    {
        try
        {
            using var json = JsonDocument.Parse(packageJson);
            return json.RootElement.ValueKind == JsonValueKind.Object && DependencySections.Any(section =>
                json.RootElement.TryGetProperty(section, out var dependencies) && dependencies.ValueKind == JsonValueKind.Object && dependencies.EnumerateObject().Any());
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The file's text; <see langword="null"/> for a symbolic link (it may point out of the workspace) or a file
    /// over <see cref="MaxManifestBytes"/>.</summary>
    private static string? Read(FileInfo file) =>
        file.LinkTarget is null && file.Length <= MaxManifestBytes ? File.ReadAllText(file.FullName) : null;
}

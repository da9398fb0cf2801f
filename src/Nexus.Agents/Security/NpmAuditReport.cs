using System.Globalization;
using System.Text.Json;

namespace Nexus.Agents.Security;

/// <summary>Reads what <c>npm audit --json</c> printed: the report (npm 7 and later, <c>auditReportVersion: 2</c>) as Security
/// findings, or npm's error object as the reason the audit did not run.</summary>
/// <remarks>
/// <para>A report maps each vulnerable package to its <c>severity</c> (<c>info</c>, <c>low</c>, <c>moderate</c>, <c>high</c>,
/// <c>critical</c>), <c>isDirect</c>, the lockfile <c>nodes</c> it is installed at, <c>via</c> (advisories with
/// <c>title</c>, <c>url</c> and the vulnerable <c>range</c>, or the names of vulnerable packages it depends on) and
/// <c>fixAvailable</c> (<see langword="true"/>: <c>npm audit fix</c>; an object naming the version a forced fix installs;
/// <see langword="false"/>). Severities map to the gate's: critical and high → high, moderate → medium, low and info → low.</para>
/// <para>A direct dependency points at its line in <c>package.json</c>; a transitive one at its entry in
/// <c>package-lock.json</c>. When npm cannot audit (the registry refuses or cannot be reached) it prints
/// <c>{"message": "405 Method Not Allowed - POST …", "statusCode": 405, …}</c> or <c>{"error": {"code", "summary", …}}</c>
/// instead of a report.</para>
/// </remarks>
internal static class NpmAuditReport
{
    /// <summary>The rule of a dependency finding.</summary>
    public const string Rule = "dependency";

    /// <summary>How many characters of npm's reason the summary keeps.</summary>
    private const int MaxReason = 300;

    /// <summary>How many advisories one finding names; the rest are counted.</summary>
    private const int MaxAdvisories = 3;

    /// <summary>The findings of <paramref name="stdout"/> (npm's JSON), or why there is no report.</summary>
    /// <param name="stdout">What <c>npm audit --json</c> printed on standard output.</param>
    /// <param name="stderr">What it printed on standard error (the reason when standard output is not JSON).</param>
    /// <param name="packageJson">The text of <c>package.json</c>, for the lines of direct dependencies.</param>
    /// <param name="packageLock">The text of <c>package-lock.json</c>, for the lines of transitive ones.</param>
    public static DependencyAuditResult Read(string stdout, string stderr, string packageJson, string packageLock)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(stdout);
        }
        catch (JsonException)
        {
            var said = stderr.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith("npm error", StringComparison.Ordinal) && !l.Contains("complete log", StringComparison.Ordinal));
            return DependencyAuditResult.NotAudited($"npm audit printed no report{(said is null ? string.Empty : $" ({OneLine(said)})")}");
        }

        using (json)
        {
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return DependencyAuditResult.NotAudited("npm audit printed no report");
            }

            return root.TryGetProperty("auditReportVersion", out _) ? Findings(root, packageJson, packageLock) : DependencyAuditResult.NotAudited(Failure(root));
        }
    }

    /// <summary>The gate's severity of npm's.</summary>
    public static string Severity(string? npmSeverity) => npmSeverity switch
    {
        "critical" or "high" => SecuritySeverity.High,
        "moderate" => SecuritySeverity.Medium,
        _ => SecuritySeverity.Low,
    };

    private static DependencyAuditResult Findings(JsonElement root, string packageJson, string packageLock)
    {
        var findings = new List<SecurityFinding>();
        if (root.TryGetProperty("vulnerabilities", out var vulnerabilities) && vulnerabilities.ValueKind == JsonValueKind.Object)
        {
            foreach (var vulnerability in vulnerabilities.EnumerateObject())
            {
                findings.Add(Finding(vulnerability.Name, vulnerability.Value, packageJson, packageLock));
            }
        }

        var total = root.TryGetProperty("metadata", out var metadata)
            && metadata.TryGetProperty("dependencies", out var dependencies)
            && dependencies.TryGetProperty("total", out var count)
            && count.TryGetInt32(out var value) ? value : (int?)null;
        var among = total is { } n ? string.Create(CultureInfo.InvariantCulture, $" among {n} dependencies") : string.Empty;
        if (findings.Count == 0)
        {
            return new DependencyAuditResult($"npm audit: no known vulnerabilities{among}", []);
        }

        var bySeverity = findings.GroupBy(f => f.Severity).OrderBy(g => SecuritySeverity.Rank(g.Key))
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Count()} {g.Key}"));
        return new DependencyAuditResult(
            string.Create(CultureInfo.InvariantCulture, $"npm audit: {findings.Count} vulnerable package(s){among} ({string.Join(", ", bySeverity)})"), findings);
    }

    private static SecurityFinding Finding(string name, JsonElement vulnerability, string packageJson, string packageLock)
    {
        var direct = vulnerability.TryGetProperty("isDirect", out var isDirect) && isDirect.ValueKind == JsonValueKind.True;
        var node = vulnerability.TryGetProperty("nodes", out var nodes) && nodes.ValueKind == JsonValueKind.Array
            ? nodes.EnumerateArray().Select(n => n.GetString()).FirstOrDefault(n => n is not null)
            : null;
        var manifestLine = direct ? NpmManifestLines.InManifest(packageJson, name) : null;
        var (file, line) = manifestLine is not null
            ? ("package.json", manifestLine)
            : ("package-lock.json", NpmManifestLines.InLock(packageLock, node ?? $"node_modules/{name}"));

        var advisories = new List<string>();
        var through = new List<string>();
        if (vulnerability.TryGetProperty("via", out var via) && via.ValueKind == JsonValueKind.Array)
        {
            foreach (var cause in via.EnumerateArray())
            {
                if (cause.ValueKind == JsonValueKind.String)
                {
                    through.Add(cause.GetString()!);
                }
                else if (cause.ValueKind == JsonValueKind.Object)
                {
                    advisories.Add($"{Text(cause, "title") ?? "an advisory"} ({Text(cause, "url") ?? "no URL"}), vulnerable {Text(cause, "range") ?? "range unknown"}");
                }
            }
        }

        var parts = new List<string>();
        if (advisories.Count > 0)
        {
            var listed = string.Join("; ", advisories.Distinct(StringComparer.Ordinal).Take(MaxAdvisories));
            var more = advisories.Count > MaxAdvisories ? string.Create(CultureInfo.InvariantCulture, $"; and {advisories.Count - MaxAdvisories} more advisories") : string.Empty;
            parts.Add($"{name} is vulnerable: {listed}{more}");
        }

        if (through.Count > 0)
        {
            var range = Text(vulnerability, "range") is { Length: > 0 } r ? $" (affected versions: {r})" : string.Empty;
            parts.Add($"{name} depends on vulnerable {string.Join(", ", through.Distinct(StringComparer.Ordinal))}{range}");
        }

        if (parts.Count == 0)
        {
            parts.Add($"{name} is vulnerable");
        }

        var message = $"{string.Join("; ", parts)}; {Fix(vulnerability)} (npm audit)";
        return new SecurityFinding(Severity(Text(vulnerability, "severity")), file, line, Rule, message);
    }

    private static string Fix(JsonElement vulnerability)
    {
        if (!vulnerability.TryGetProperty("fixAvailable", out var fix))
        {
            return "fix unknown";
        }

        return fix.ValueKind switch
        {
            JsonValueKind.True => "fix available: npm audit fix",
            JsonValueKind.Object => $"fix available outside the declared range: {Text(fix, "name")}@{Text(fix, "version")}" +
                (fix.TryGetProperty("isSemVerMajor", out var major) && major.ValueKind == JsonValueKind.True ? " (a major upgrade; npm audit fix --force)" : " (npm audit fix --force)"),
            _ => "no fix available",
        };
    }

    /// <summary>Why npm did not audit, from its error object: the registry's answer, or what npm says.</summary>
    private static string Failure(JsonElement root)
    {
        var message = Text(root, "message");
        if (message is not null && root.TryGetProperty("statusCode", out var status) && status.ValueKind == JsonValueKind.Number)
        {
            return $"the registry answered the audit request with {OneLine(message)}";
        }

        if (message is not null)
        {
            return $"npm audit failed: {OneLine(message)}";
        }

        if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
            && (Text(error, "summary") is { Length: > 0 } summary ? summary : Text(error, "code")) is { Length: > 0 } said)
        {
            return $"npm audit failed: {OneLine(said)}";
        }

        return "npm audit printed neither a report nor an error";
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string OneLine(string text)
    {
        var line = string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return line.Length > MaxReason ? line[..MaxReason] + "…" : line;
    }
}

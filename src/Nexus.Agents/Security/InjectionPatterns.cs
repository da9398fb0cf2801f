using System.Text;
using System.Text.RegularExpressions;
using Nexus.Agents.Workspaces;

namespace Nexus.Agents.Security;

/// <summary>Injection-prone code patterns per language, matched line by line on what a change adds.</summary>
/// <remarks>
/// <para>JavaScript/TypeScript: string-built SQL (a SQL statement in a string joined with <c>+</c> or a template with
/// <c>${…}</c>), <c>exec</c>/<c>execSync</c> of a built command line, <c>spawn</c>/<c>execFile</c> with
/// <c>shell: true</c>, <c>eval(</c>, <c>new Function(</c>, and HTML sinks (<c>innerHTML</c>/<c>outerHTML</c> assignment,
/// <c>document.write</c>, <c>insertAdjacentHTML</c>, <c>dangerouslySetInnerHTML</c>). Python: string-built SQL passed to
/// <c>execute</c>, <c>os.system</c>/<c>os.popen</c>, <c>subprocess</c> with <c>shell=True</c>, <c>eval</c>/<c>exec</c>.
/// C#: <c>SqlCommand</c>/<c>CommandText</c>/<c>FromSqlRaw</c> with concatenation or interpolation, <c>Process.Start</c>
/// with a built command.</para>
/// <para>Calls (<c>eval(</c>, sinks) are matched on the line with string contents and comments blanked, so a string or a
/// comment that mentions them is not a finding; a parameterized query (placeholders, no joining) is not a finding.
/// Line by line: a statement split over several lines can be missed; this is a pattern check, not data-flow analysis.</para>
/// </remarks>
public static partial class InjectionPatterns
{
    private static readonly HashSet<string> JavaScript = new(StringComparer.Ordinal) { ".js", ".mjs", ".cjs", ".jsx", ".ts", ".tsx" };
    private static readonly HashSet<string> Python = new(StringComparer.Ordinal) { ".py" };
    private static readonly HashSet<string> CSharp = new(StringComparer.Ordinal) { ".cs" };

    private const string Sql = @"(?:\bSELECT\b[^'""`]*\bFROM\b|\bINSERT\s+INTO\b|\bUPDATE\s+\S+\s+SET\b|\bDELETE\s+FROM\b|\bWHERE\b)";
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.Compiled;

    internal static IReadOnlyList<InjectionRule> Rules { get; } =
    [
        new("js-sql", SecuritySeverity.High, JavaScript,
            new Regex(@"(?:['""][^'""]*" + Sql + @"[^'""]*['""]\s*\+|`[^`]*" + Sql + @"[^`]*\$\{)", Options | RegexOptions.IgnoreCase), false,
            "SQL built from strings: use a parameterized query (placeholders and a values array)"),
        new("js-command", SecuritySeverity.High, JavaScript,
            new Regex(@"(?:(?<![.\w$])|child_process\.)(?:exec|execSync)\s*\(\s*(?:`[^`]*\$\{|['""][^'""]*['""]\s*\+|[\w.]+\s*\+)", Options), false,
            "a shell command built from strings: use execFile/spawn with an argument array and no shell"),
        new("js-shell", SecuritySeverity.Medium, JavaScript,
            new Regex(@"\b(?:spawn|spawnSync|execFile|execFileSync)\s*\(.*\bshell\s*:\s*true", Options), false,
            "a child process through a shell: pass an argument array without shell: true"),
        new("js-eval", SecuritySeverity.High, JavaScript,
            new Regex(@"(?<![.\w$])eval\s*\(|\bnew\s+Function\s*\(", Options), true,
            "code run from a string (eval / new Function): parse data with JSON.parse or use a lookup table"),
        new("js-html", SecuritySeverity.Medium, JavaScript,
            new Regex(@"\.(?:innerHTML|outerHTML)\s*\+?=(?!=)|\bdocument\.write(?:ln)?\s*\(|\.insertAdjacentHTML\s*\(|\bdangerouslySetInnerHTML\b", Options), true,
            "an HTML sink (cross-site scripting): set textContent, or escape the value first"),
        new("py-sql", SecuritySeverity.High, Python,
            new Regex(@"\.execute(?:many)?\s*\(\s*(?:[fF][rR]?['""][^'""]*" + Sql + @"|['""][^'""]*" + Sql + @"[^'""]*['""]\s*(?:%|\+|\.format\s*\())", Options | RegexOptions.IgnoreCase), false,
            "SQL built from strings: pass the values as parameters (execute(sql, params))"),
        new("py-command", SecuritySeverity.High, Python,
            new Regex(@"\bos\.(?:system|popen)\s*\(", Options), true,
            "a shell command (os.system / os.popen): use subprocess.run with an argument list"),
        new("py-shell", SecuritySeverity.High, Python,
            new Regex(@"\bsubprocess\.\w+\s*\(.*\bshell\s*=\s*True\b", Options), true,
            "subprocess with shell=True: pass an argument list without a shell"),
        new("py-eval", SecuritySeverity.High, Python,
            new Regex(@"(?<![.\w])(?:eval|exec)\s*\(", Options), true,
            "code run from a string (eval / exec): use ast.literal_eval or json"),
        new("cs-sql", SecuritySeverity.High, CSharp,
            new Regex(@"(?:\bnew\s+SqlCommand\s*\(|\bCommandText\s*=|\.FromSqlRaw\s*\(|\.ExecuteSqlRaw\s*\()\s*(?:\$@?""|@?\$""|""[^""]*""\s*\+|\w+\s*\+)", Options), false,
            "SQL built from strings: use SqlParameter / parameterized queries (FromSqlInterpolated)"),
        new("cs-process", SecuritySeverity.High, CSharp,
            new Regex(@"\bProcess\.Start\s*\(\s*(?:\$@?""|@?\$""|""[^""]*""\s*\+|\w+\s*\+)|\bArguments\s*=\s*(?:\$@?""|@?\$"")", Options), false,
            "a process started with a built command line: use ProcessStartInfo.ArgumentList"),
    ];

    /// <summary>The findings in the added lines of <paramref name="path"/> (one per rule and line).</summary>
    public static IReadOnlyList<SecurityFinding> Scan(string path, IReadOnlyList<AddedLine> lines)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(lines);
        var extension = Path.GetExtension(path).ToLowerInvariant();
        var rules = Rules.Where(r => r.Extensions.Contains(extension)).ToList();
        if (rules.Count == 0)
        {
            return [];
        }

        var comment = Python.Contains(extension) ? "#" : "//";
        var findings = new List<SecurityFinding>();
        foreach (var line in lines)
        {
            string? code = null;
            foreach (var rule in rules)
            {
                var text = rule.InCode ? code ??= Blank(line.Text, comment) : StripComment(line.Text, comment);
                if (rule.Pattern.IsMatch(text))
                {
                    findings.Add(new SecurityFinding(rule.Severity, path, line.Number, rule.Id, rule.Message));
                }
            }
        }

        return findings;
    }

    /// <summary>The line with the contents of its string literals blanked and its trailing comment removed.</summary>
    internal static string Blank(string line, string comment)
    {
        ArgumentNullException.ThrowIfNull(line);
        var text = new StringBuilder(line.Length);
        char? quote = null;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote is { } q)
            {
                if (c == '\\')
                {
                    text.Append("  ");
                    i++;
                    continue;
                }

                if (c == q)
                {
                    quote = null;
                    text.Append(c);
                }
                else
                {
                    text.Append(' ');
                }

                continue;
            }

            if (string.CompareOrdinal(line, i, comment, 0, comment.Length) == 0 || string.CompareOrdinal(line, i, "/*", 0, 2) == 0 && comment == "//")
            {
                break;
            }

            if (c is '\'' or '"' or '`')
            {
                quote = c;
            }

            text.Append(c);
        }

        return text.ToString();
    }

    // A whole-line comment says nothing about the code; a trailing comment after code is left (it rarely holds a pattern).
    private static string StripComment(string line, string comment) =>
        line.TrimStart().StartsWith(comment, StringComparison.Ordinal) || line.TrimStart().StartsWith('*') ? string.Empty : line;
}

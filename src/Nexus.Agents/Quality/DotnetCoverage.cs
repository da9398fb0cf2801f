using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace Nexus.Agents.Quality;

/// <summary>coverlet (the <c>coverlet.collector</c> package the test project references), run by a small <c>sh</c> driver:
/// <c>dotnet test ARG… --collect "XPlat Code Coverage" --results-directory &lt;temporary folder&gt;</c>, then every
/// <c>coverage.cobertura.xml</c> it wrote printed on stdout between two marker lines, so nothing is written into the
/// workspace but the build's own <c>bin</c> and <c>obj</c>, and the tests' output goes to stderr.</summary>
/// <remarks>
/// <para>Lines are coverlet's sequence-point lines of each source file (<c>&lt;class filename&gt;</c>); branches are the
/// outcomes of coverlet's IL branch points (two for an <c>if</c>, one per arm of a <c>switch</c>). Several reports (one per
/// test project of a solution) are merged line by line.</para>
/// <para>Cyclomatic complexity per method is computed from coverlet's branch points: 1 plus, for each branch point, its
/// outcomes less one (an <c>if</c> adds 1, a <c>switch</c> with n outcomes n−1) — McCabe's count, as the other languages'
/// counters give it. coverlet's own <c>complexity</c> attribute is not used: it is the number of branch outcomes
/// (<c>Math.Max(1, branches.Count)</c>), 6 for a method with three <c>if</c>s whose cyclomatic complexity is 4. The
/// branch points are the IL's, so a compiler-made branch counts too (an <c>await</c>'s completed-or-not check, a
/// <c>?.</c>). coverlet folds lambdas into the method that declares them; the <c>MoveNext</c> of an async method's or an
/// iterator's state machine (<c>&lt;Name&gt;d__N</c>) is named after the method, a local function after its method and
/// itself (<c>Outer.Local.Abs</c>).</para>
/// </remarks>
internal static partial class DotnetCoverage
{
    /// <summary>The line before each report on the driver's stdout.</summary>
    public const string Begin = "NEXUS-COBERTURA-BEGIN";

    /// <summary>The line after each report.</summary>
    public const string End = "NEXUS-COBERTURA-END";

    /// <summary>The <c>sh</c> driver: <c>sh -c DRIVER nexus-dotnet-coverage ARG…</c>; its exit code is the tests'.</summary>
    private const string Driver = """
        results=$(mktemp -d "${TMPDIR:-/tmp}/nexus-coverage-XXXXXX") || exit 70
        dotnet test "$@" --collect "XPlat Code Coverage" --results-directory "$results" </dev/null >&2
        code=$?
        for report in "$results"/*/coverage.cobertura.xml; do
          if [ -f "$report" ]; then
            echo NEXUS-COBERTURA-BEGIN
            cat "$report"
            echo
            echo NEXUS-COBERTURA-END
          fi
        done
        rm -rf "$results"
        exit $code
        """;

    /// <summary>The command as the report shows it.</summary>
    public static string Command(IReadOnlyList<string> arguments) =>
        string.Join(' ', ["dotnet test", .. arguments, "--collect \"XPlat Code Coverage\" --results-directory <temporary folder>"]);

    /// <summary>The arguments after <c>sh</c>: the driver and the arguments after <c>dotnet test</c>.</summary>
    public static IReadOnlyList<string> Arguments(IReadOnlyList<string> arguments) => ["-c", Driver, "nexus-dotnet-coverage", .. arguments];

    /// <summary>The Cobertura reports the driver printed.</summary>
    public static IReadOnlyList<string> Reports(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var reports = new List<string>();
        var start = output.IndexOf(Begin + "\n", StringComparison.Ordinal);
        while (start >= 0)
        {
            start += Begin.Length + 1;
            var end = output.IndexOf("\n" + End, start, StringComparison.Ordinal);
            if (end < 0)
            {
                break;
            }

            reports.Add(output[start..end]);
            start = output.IndexOf(Begin + "\n", end, StringComparison.Ordinal);
        }

        return reports;
    }

    /// <summary>Reads coverlet's Cobertura <paramref name="reports"/>: the coverage per source file and the methods, paths
    /// relative to <paramref name="workspaceDirectory"/> (files outside it dropped).</summary>
    public static (IReadOnlyList<FileCoverage> Files, IReadOnlyList<FunctionComplexity> Functions) Parse(IEnumerable<string> reports, string workspaceDirectory)
    {
        ArgumentNullException.ThrowIfNull(reports);
        ArgumentNullException.ThrowIfNull(workspaceDirectory);
        var root = Path.GetFullPath(workspaceDirectory);
        var lines = new Dictionary<string, Dictionary<int, LineHits>>(StringComparer.Ordinal);
        var functions = new Dictionary<(string File, string Name, int Line), FunctionComplexity>();
        foreach (var report in reports)
        {
            var document = Load(report);
            var sources = document.Descendants("source").Select(s => s.Value.Trim()).ToList();
            foreach (var type in document.Descendants("class"))
            {
                if (File(root, sources, (string?)type.Attribute("filename")) is not { } file)
                {
                    continue;
                }

                var fileLines = lines.TryGetValue(file, out var known) ? known : lines[file] = [];
                foreach (var line in type.Elements("lines").Elements("line").Select(LineHits.Of))
                {
                    fileLines[line.Number] = fileLines.TryGetValue(line.Number, out var seen) ? seen.Merge(line) : line;
                }

                foreach (var method in type.Elements("methods").Elements("method"))
                {
                    var numbers = method.Elements("lines").Elements("line").ToList();
                    if (numbers.Count == 0)
                    {
                        continue;
                    }

                    var decisions = numbers.Select(LineHits.Of).Sum(l => l.Branches - l.BranchPoints);
                    var function = new FunctionComplexity(
                        file,
                        Name((string?)type.Attribute("name") ?? string.Empty, (string?)method.Attribute("name") ?? string.Empty),
                        numbers.Min(l => LineHits.NumberOf(l)),
                        numbers.Max(l => LineHits.NumberOf(l)),
                        1 + decisions);
                    functions.TryAdd((function.File, function.Name, function.Line), function);
                }
            }
        }

        var files = lines.Select(f => new FileCoverage(
            f.Key,
            f.Value.Count,
            f.Value.Values.Count(l => l.Hit),
            f.Value.Values.Sum(l => l.Branches),
            f.Value.Values.Sum(l => l.CoveredBranches),
            [.. f.Value.Values.Where(l => !l.Hit).Select(l => l.Number).Order()])).ToList();
        return (files, [.. functions.Values.OrderBy(f => f.File, StringComparer.Ordinal).ThenBy(f => f.Line)]);
    }

    /// <summary>A method's name as a person reads it: <c>Type.Method</c>, a state machine's <c>MoveNext</c> named after its
    /// async method or iterator, a local function after its method and itself, a constructor after its type, a
    /// program's top-level statements (<c>&lt;Main&gt;$</c>) as such.</summary>
    public static string Name(string className, string methodName)
    {
        ArgumentNullException.ThrowIfNull(className);
        ArgumentNullException.ThrowIfNull(methodName);
        var parts = className.Split('/');
        var types = new List<string> { parts[0][(parts[0].LastIndexOf('.') + 1)..] };
        string? stateMachine = null;
        foreach (var part in parts[1..])
        {
            if (part.StartsWith('<'))
            {
                stateMachine = StateMachine().Match(part) is { Success: true } match ? match.Groups[1].Value : stateMachine;
            }
            else
            {
                types.Add(part);
            }
        }

        var member = methodName switch
        {
            "MoveNext" when stateMachine is not null => Member(stateMachine),
            ".ctor" => types[^1],
            ".cctor" => $"{types[^1]} (static)",
            "<Main>$" => "<top-level statements>",
            _ => Member(methodName),
        };
        return $"{string.Join('.', types)}.{member}";
    }

    // <Local>g__Abs|8_0 → Local.Abs; <Adder>b__3_0 → Adder.<lambda>; get_Name → Name.get.
    private static string Member(string name)
    {
        if (LocalFunction().Match(name) is { Success: true } local)
        {
            return $"{Member(local.Groups[1].Value)}.{local.Groups[2].Value}";
        }

        if (Lambda().Match(name) is { Success: true } lambda)
        {
            return $"{Member(lambda.Groups[1].Value)}.<lambda>";
        }

        return Accessor().Match(name) is { Success: true } accessor ? $"{accessor.Groups[2].Value}.{accessor.Groups[1].Value}" : name;
    }

    private static string? File(string root, List<string> sources, string? filename)
    {
        if (string.IsNullOrEmpty(filename))
        {
            return null;
        }

        var candidates = Path.IsPathRooted(filename) ? [filename] : sources.Select(s => Path.Combine(s, filename)).ToList();
        var path = candidates.FirstOrDefault(System.IO.File.Exists) ?? candidates.FirstOrDefault();
        return path is null ? null : SourceTree.Relative(root, Path.GetFullPath(path));
    }

    private static XDocument Load(string report)
    {
        using var text = new StringReader(report);
        using var reader = XmlReader.Create(text, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        return XDocument.Load(reader);
    }

    [GeneratedRegex(@"^<(.+)>d(__\d+)?$")]
    private static partial Regex StateMachine();

    [GeneratedRegex(@"^<(.+)>g__([^|]+)\|[\d_]+$")]
    private static partial Regex LocalFunction();

    [GeneratedRegex(@"^<(.+)>b__[\d_]+$")]
    private static partial Regex Lambda();

    [GeneratedRegex(@"^(get|set|init|add|remove)_(.+)$")]
    private static partial Regex Accessor();

    /// <summary>One line of a report: whether it ran, its branch outcomes (taken) and its branch points.</summary>
    private readonly record struct LineHits(int Number, bool Hit, int Branches, int CoveredBranches, int BranchPoints)
    {
        public static int NumberOf(XElement line) => int.Parse((string?)line.Attribute("number") ?? "0", CultureInfo.InvariantCulture);

        public static LineHits Of(XElement line)
        {
            var hit = long.TryParse((string?)line.Attribute("hits"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var hits) && hits > 0;
            var (covered, total) = Condition().Match((string?)line.Attribute("condition-coverage") ?? string.Empty) is { Success: true } match
                ? (int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture))
                : (0, 0);
            var points = total == 0 ? 0 : Math.Max(1, line.Elements("conditions").Elements("condition").Count());
            return new LineHits(NumberOf(line), hit, total, covered, points);
        }

        public LineHits Merge(LineHits other) =>
            this with { Hit = Hit || other.Hit, Branches = Math.Max(Branches, other.Branches), CoveredBranches = Math.Max(CoveredBranches, other.CoveredBranches), BranchPoints = Math.Max(BranchPoints, other.BranchPoints) };
    }

    [GeneratedRegex(@"\((\d+)/(\d+)\)")]
    private static partial Regex Condition();
}

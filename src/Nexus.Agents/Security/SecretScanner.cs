using System.Text.RegularExpressions;
using Nexus.Agents.Workspaces;

namespace Nexus.Agents.Security;

/// <summary>
/// The deterministic check a step's work passes before it is committed: the added lines of every created or modified
/// file, and the file names, are searched for the exact values of configured secrets and for credential shapes.
/// </summary>
/// <remarks>
/// <para>
/// Configured values are those of a <see cref="SecretRedactor"/> (the host's secret environment variables and API keys)
/// of at least <see cref="MinimumValueLength"/> characters; a hit is reported as <c>configured secret (value of NAME)</c>.
/// The shapes are private key blocks, OpenAI/Anthropic, GitHub, GitLab, Stripe, npm, AWS, Google and Slack keys, bearer
/// tokens, Authorization headers, hex API keys, labelled literals (<c>api_key = "…"</c>, <c>PASSWORD=…</c>) and passwords
/// in URLs and connection strings. They are stricter than the redactor's: the scan refuses work, so it takes literal,
/// generated-looking values only and passes over placeholders, templates and variable references.
/// </para>
/// <para>
/// Findings name the file, the line and the kind, never the value; one finding per line (the most specific kind).
/// The scan sees plain text: an agent that encodes a secret on purpose (base64, split across lines) is not caught.
/// Instances are immutable and thread-safe.
/// </para>
/// </remarks>
public sealed class SecretScanner
{
    /// <summary>Configured values shorter than this are not searched for: short values occur in ordinary code.</summary>
    public const int MinimumValueLength = 8;

    /// <summary>How many findings <see cref="Describe"/> lists before it only counts the rest.</summary>
    public const int MaxDescribedFindings = 10;

    private readonly SecretRedactor _redactor;
    private readonly Regex? _values;
    private readonly Dictionary<string, string?> _names = new(StringComparer.Ordinal);

    /// <summary>Creates a scanner for the configured values of <paramref name="redactor"/> and the credential shapes;
    /// <paramref name="redactor"/> also masks file names in findings.</summary>
    public SecretScanner(SecretRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(redactor);
        _redactor = redactor;
        foreach (var (name, value) in redactor.NamedValues.Where(pair => pair.Value.Length >= MinimumValueLength))
        {
            _names.TryAdd(value, name);
        }

        if (_names.Count > 0)
        {
            _values = new Regex(
                string.Join('|', _names.Keys.OrderByDescending(value => value.Length).Select(Regex.Escape)),
                RegexOptions.CultureInvariant | RegexOptions.Compiled);
        }
    }

    /// <summary>A scanner for the credential shapes only.</summary>
    public static SecretScanner PatternsOnly { get; } = new(SecretRedactor.PatternsOnly);

    /// <summary>Scans what <see cref="GitWorkspace.StageAllAsync"/> staged: names and added lines of created and modified
    /// files (binary files by their text when they were read; larger ones are not scanned). Staged text beyond
    /// <see cref="GitWorkspace.MaxReadDiffBytes"/> is a finding of its own: what was not read cannot be let through.</summary>
    public IReadOnlyList<SecretFinding> Scan(StagedChanges changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var findings = new List<SecretFinding>();
        foreach (var file in changes.Files)
        {
            if (Classify(file.Path).OrderBy(hit => hit.Priority).Select(hit => hit.Kind).FirstOrDefault() is { } kind)
            {
                findings.Add(new SecretFinding(Display(file.Path), null, $"its name holds {SecretFinding.WithArticle(kind)}"));
            }

            findings.AddRange(ScanLines(file.Path, file.AddedLines));
        }

        if (changes.Truncated)
        {
            findings.Add(new SecretFinding(
                Display(changes.Files.Count > 0 ? changes.Files[^1].Path : "(staged changes)"),
                null,
                $"the step adds more text than the secret scan reads ({GitWorkspace.MaxReadDiffBytes >> 20} MiB of diff)"));
        }

        return findings;
    }

    /// <summary>Scans lines added to <paramref name="path"/>. Consecutive lines are scanned together, so a private key
    /// block is found whole; a finding is on the line where the secret starts.</summary>
    public IReadOnlyList<SecretFinding> ScanLines(string path, IReadOnlyList<AddedLine> lines)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(lines);
        var byLine = new SortedDictionary<int, (int Priority, string Kind)>();
        for (var start = 0; start < lines.Count;)
        {
            var end = start + 1;
            while (end < lines.Count && lines[end].Number == lines[end - 1].Number + 1)
            {
                end++;
            }

            var run = lines.Skip(start).Take(end - start).ToList();
            var offsets = new int[run.Count];
            for (var i = 1; i < run.Count; i++)
            {
                offsets[i] = offsets[i - 1] + run[i - 1].Text.Length + 1;
            }

            foreach (var (index, priority, kind) in Classify(string.Join('\n', run.Select(l => l.Text))))
            {
                var line = run[LineAt(offsets, index)].Number;
                if (!byLine.TryGetValue(line, out var known) || priority < known.Priority)
                {
                    byLine[line] = (priority, kind);
                }
            }

            start = end;
        }

        var file = Display(path);
        return [.. byLine.Select(hit => new SecretFinding(file, hit.Key, hit.Value.Kind))];
    }

    /// <summary><c>leak.txt line 3 holds a private key block; .env line 1 holds a configured secret (value of OPENAI_API_KEY)</c>:
    /// at most <see cref="MaxDescribedFindings"/> findings, then how many more.</summary>
    public static string Describe(IReadOnlyList<SecretFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var text = string.Join("; ", findings.Take(MaxDescribedFindings));
        return findings.Count > MaxDescribedFindings ? $"{text}; and {findings.Count - MaxDescribedFindings} more" : text;
    }

    /// <summary>Every hit in <paramref name="text"/>: its index, its priority (configured values first, then the patterns
    /// in order) and its kind.</summary>
    private IEnumerable<(int Index, int Priority, string Kind)> Classify(string text)
    {
        if (_values is not null)
        {
            foreach (Match match in _values.Matches(text))
            {
                yield return (match.Index, 0, _names[match.Value] is { } name ? $"configured secret (value of {name})" : "configured secret");
            }
        }

        for (var i = 0; i < SecretPatterns.Scanning.Count; i++)
        {
            foreach (Match match in SecretPatterns.Scanning[i].Regex.Matches(text))
            {
                if (SecretPatterns.Scanning[i].Classify(match) is { } kind)
                {
                    yield return (match.Index, i + 1, kind);
                }
            }
        }
    }

    private static int LineAt(int[] offsets, int index)
    {
        var found = Array.BinarySearch(offsets, index);
        return found >= 0 ? found : ~found - 1;
    }

    /// <summary>A path as a message may show it: secrets masked, control characters replaced.</summary>
    private string Display(string path) => new([.. _redactor.Redact(path).Select(c => char.IsControl(c) ? '?' : c)]);
}

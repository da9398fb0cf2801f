using System.Text;
using System.Text.Json;

namespace Nexus.Agents.Quality;

/// <summary>Node's built-in test coverage (<c>node --test --experimental-test-coverage</c>, Node 20+), read exactly:
/// a reporter module passed as a <c>data:</c> URL prints the <c>test:coverage</c> event's per-file counts as one JSON
/// line, so nothing is parsed from the human-readable table and nothing is written into the workspace.</summary>
public static class NodeCoverage
{
    /// <summary>The prefix of the line the reporter prints.</summary>
    public const string Marker = "NEXUS-COVERAGE ";

    private const string Reporter = """
        export default async function* nexusCoverage(source) {
          for await (const event of source) {
            if (event.type !== 'test:coverage') continue;
            const files = event.data.summary.files.map((f) => ({
              path: f.path, lines: f.totalLineCount, coveredLines: f.coveredLineCount,
              branches: f.totalBranchCount, coveredBranches: f.coveredBranchCount,
              uncovered: f.lines.filter((l) => l.count === 0).map((l) => l.line),
            }));
            yield 'NEXUS-COVERAGE ' + JSON.stringify({ files }) + '\n';
          }
        }
        """;

    /// <summary>The arguments after <c>node</c>: run the tests node finds by itself (as <c>node --test</c> does) with coverage.</summary>
    public static IReadOnlyList<string> Arguments { get; } =
    [
        "--test",
        "--experimental-test-coverage",
        "--test-reporter=data:text/javascript;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(Reporter)),
        "--test-reporter-destination=stdout",
    ];

    /// <summary>Reads the per-file coverage from the reporter's output; paths are made relative to
    /// <paramref name="workspaceDirectory"/> (files outside it are dropped). <see langword="null"/> when the output has no report.</summary>
    public static IReadOnlyList<FileCoverage>? Parse(string output, string workspaceDirectory)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(workspaceDirectory);
        var line = output.Split('\n').LastOrDefault(l => l.StartsWith(Marker, StringComparison.Ordinal));
        if (line is null)
        {
            return null;
        }

        using var json = JsonDocument.Parse(line[Marker.Length..]);
        var root = Path.GetFullPath(workspaceDirectory);
        var files = new List<FileCoverage>();
        foreach (var file in json.RootElement.GetProperty("files").EnumerateArray())
        {
            var path = file.GetProperty("path").GetString() ?? string.Empty;
            var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
            if (relative.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(relative))
            {
                continue;
            }

            files.Add(new FileCoverage(
                relative,
                file.GetProperty("lines").GetInt32(),
                file.GetProperty("coveredLines").GetInt32(),
                file.GetProperty("branches").GetInt32(),
                file.GetProperty("coveredBranches").GetInt32(),
                [.. file.GetProperty("uncovered").EnumerateArray().Select(n => n.GetInt32())]));
        }

        return files;
    }
}

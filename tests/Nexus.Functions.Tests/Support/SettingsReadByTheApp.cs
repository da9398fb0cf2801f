using System.Text.RegularExpressions;
using Nexus.Testing;

namespace Nexus.Functions.Tests.Support;

/// <summary>The environment variables (app settings) the Function App's code reads, found in the source of
/// <c>src/Nexus.Functions</c> and every project it references (followed through the <c>ProjectReference</c>s): a constant
/// named <c>…Variable…</c>, a literal passed to <c>Environment.GetEnvironmentVariable</c> or an <c>Env("…")</c> helper, and
/// the literals of a <c>string[] …Variables</c> list. A setting added in any of those forms is found without editing a list.</summary>
internal static partial class SettingsReadByTheApp
{
    /// <summary>Each name with the source files that read it.</summary>
    public static IReadOnlyDictionary<string, SortedSet<string>> Find()
    {
        var root = RepositoryRoot.Find();
        var names = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var project in Projects(Path.Combine(root, "src", "Nexus.Functions", "Nexus.Functions.csproj"), []))
        {
            var folder = Path.GetDirectoryName(project)!;
            foreach (var file in Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(folder, file).Split(Path.DirectorySeparatorChar)[0];
                if (relative is "bin" or "obj")
                {
                    continue;
                }

                var source = File.ReadAllText(file);
                var found = VariableConstant().Matches(source).Concat(EnvironmentRead().Matches(source)).Select(m => m.Groups["name"].Value)
                    .Concat(VariableList().Matches(source).SelectMany(list => Literal().Matches(list.Groups["items"].Value).Select(m => m.Groups["name"].Value)));
                foreach (var name in found)
                {
                    (names.TryGetValue(name, out var files) ? files : names[name] = new SortedSet<string>(StringComparer.Ordinal)).Add(Path.GetRelativePath(root, file));
                }
            }
        }

        return names;
    }

    // The project and, recursively, the projects it references.
    private static HashSet<string> Projects(string project, HashSet<string> seen)
    {
        if (seen.Add(Path.GetFullPath(project)))
        {
            foreach (Match reference in ProjectReference().Matches(File.ReadAllText(project)))
            {
                Projects(Path.Combine(Path.GetDirectoryName(project)!, reference.Groups["path"].Value.Replace('\\', Path.DirectorySeparatorChar)), seen);
            }
        }

        return seen;
    }

    [GeneratedRegex(@"const string \w*Variable\w* = ""(?<name>[A-Za-z_][A-Za-z0-9_]*)"";")]
    private static partial Regex VariableConstant();

    [GeneratedRegex(@"\b(?:GetEnvironmentVariable|Env)\(""(?<name>[A-Za-z_][A-Za-z0-9_]*)""\)")]
    private static partial Regex EnvironmentRead();

    [GeneratedRegex(@"string\[\] \w*Variables\w* = \[(?<items>[^\]]*)\]")]
    private static partial Regex VariableList();

    [GeneratedRegex(@"""(?<name>[A-Za-z_][A-Za-z0-9_]*)""")]
    private static partial Regex Literal();

    [GeneratedRegex(@"<ProjectReference Include=""(?<path>[^""]+)""")]
    private static partial Regex ProjectReference();
}

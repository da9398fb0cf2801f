using System.Text.RegularExpressions;

namespace Nexus.Agents.Security;

/// <summary>Where a package appears in <c>package.json</c> (its entry in a dependencies section) or in
/// <c>package-lock.json</c> (its <c>node_modules/…</c> entry), by line: the line a dependency finding points at.</summary>
/// <remarks>Reads the text line by line, as the files are written by people and by npm (one key a line); a file written
/// on one line gives line 1.</remarks>
internal static partial class NpmManifestLines
{
    /// <summary>The line (from 1) of <paramref name="package"/>'s entry in a dependencies section of
    /// <paramref name="packageJson"/>; <see langword="null"/> when it is not there.</summary>
    public static int? InManifest(string packageJson, string package)
    {
        ArgumentNullException.ThrowIfNull(packageJson);
        var lines = packageJson.Split('\n');
        var key = $"\"{package}\"";
        var inSection = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var start = 0;
            if (DependencySection().Match(lines[i]) is { Success: true } section)
            {
                inSection = true;
                start = section.Index + section.Length;
            }

            if (inSection && Key(lines[i], key, start))
            {
                return i + 1;
            }

            if (inSection && lines[i].IndexOf('}', start) >= 0)
            {
                inSection = false;
            }
        }

        return null;
    }

    /// <summary>The line (from 1) of the entry <paramref name="lockPath"/> (<c>node_modules/a/node_modules/b</c>) in
    /// <paramref name="packageLock"/>; <see langword="null"/> when it is not there.</summary>
    public static int? InLock(string packageLock, string lockPath)
    {
        ArgumentNullException.ThrowIfNull(packageLock);
        var lines = packageLock.Split('\n');
        var key = $"\"{lockPath}\"";
        for (var i = 0; i < lines.Length; i++)
        {
            if (Key(lines[i], key, 0))
            {
                return i + 1;
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="line"/> has <paramref name="key"/> (quoted) as an object key at or after <paramref name="from"/>.</summary>
    private static bool Key(string line, string key, int from)
    {
        var at = line.IndexOf(key, from, StringComparison.Ordinal);
        return at >= 0 && line.AsSpan(at + key.Length).TrimStart().StartsWith(":", StringComparison.Ordinal);
    }

    [GeneratedRegex("\"(?:dependencies|devDependencies|optionalDependencies|peerDependencies)\"\\s*:\\s*\\{")]
    private static partial Regex DependencySection();
}

namespace Nexus.Agents.Sandboxing;

/// <summary>What of the machine a sandboxed program sees, read-only: the system folders, a few files of <c>/etc</c>, and the
/// toolchains on <c>PATH</c>; never a home directory's private files, the data directory or <c>/root</c>.</summary>
internal sealed class HostLayout
{
    /// <summary>Top-level folders that are often symlinks into <c>/usr</c> (merged /usr) or real folders.</summary>
    private static readonly string[] _systemLinks = ["/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"];

    /// <summary>Read-only system folders: programs, libraries, optional packages.</summary>
    private static readonly string[] _systemFolders = ["/usr", "/opt", "/nix/store"];

    /// <summary>The files of /etc programs need (users, name resolution, certificates, time zone, dynamic linker,
    /// Debian's alternatives); the rest of /etc (host keys, shadow, service configuration) stays hidden.</summary>
    private static readonly string[] _etcEntries =
    [
        "passwd", "group", "hosts", "hostname", "resolv.conf", "nsswitch.conf", "host.conf", "gai.conf", "localtime", "timezone",
        "ssl", "ca-certificates", "ca-certificates.conf", "pki", "crypto-policies", "alternatives", "ld.so.cache", "ld.so.conf",
        "ld.so.conf.d", "mime.types", "protocols", "services", "os-release", "debian_version", "lsb-release", "dotnet", "java-17-openjdk",
    ];

    /// <summary>Top-level names under a home directory that are credentials or personal configuration, never toolchains.</summary>
    private static readonly string[] _privateHomeEntries =
    [
        ".ssh", ".gnupg", ".aws", ".azure", ".config", ".docker", ".kube", ".claude", ".codex", ".netrc", ".npmrc", ".pypirc",
        ".git-credentials", ".gitconfig", ".bash_history", ".local", ".cache", ".nexus",
    ];

    /// <summary>Files inside a toolchain folder that hold credentials; hidden behind an empty file.</summary>
    private static readonly string[] _credentialFiles = ["credentials", "credentials.toml", ".credentials.json", ".npmrc", ".pypirc", ".netrc"];

    private HostLayout(IReadOnlyList<string> arguments, IReadOnlyList<string> readOnlyRoots)
    {
        Arguments = arguments;
        ReadOnlyRoots = readOnlyRoots;
    }

    /// <summary>The bubblewrap arguments that mount the layout (before the step's own folders).</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>Every folder mounted read-only (to tell whether a program's folder is already visible).</summary>
    public IReadOnlyList<string> ReadOnlyRoots { get; }

    /// <summary>Reads the layout off this machine: <paramref name="pathVariable"/>'s toolchains, <paramref name="home"/> (whose
    /// private files stay hidden), <paramref name="extraReadOnly"/>, with <paramref name="hidden"/> never visible.</summary>
    public static HostLayout Discover(string? pathVariable, string? home, IEnumerable<string> extraReadOnly, IEnumerable<string> hidden)
    {
        var hiddenRoots = hidden.Select(Full).ToList();
        var arguments = new List<string>();
        var roots = new List<string>();
        foreach (var link in _systemLinks)
        {
            var info = new FileInfo(link);
            if (info.LinkTarget is { } target)
            {
                arguments.AddRange(["--symlink", target, link]);
            }
            else if (Directory.Exists(link))
            {
                arguments.AddRange(["--ro-bind", link, link]);
                roots.Add(link);
            }
        }

        foreach (var folder in _systemFolders.Where(Directory.Exists))
        {
            arguments.AddRange(["--ro-bind", folder, folder]);
            roots.Add(folder);
        }

        foreach (var entry in _etcEntries)
        {
            arguments.AddRange(["--ro-bind-try", "/etc/" + entry, "/etc/" + entry]);
        }

        foreach (var python in SafeDirectories("/etc", "python3*"))
        {
            arguments.AddRange(["--ro-bind", python, python]);
        }

        var toolchains = Toolchains(pathVariable, home, extraReadOnly)
            .Where(path => !hiddenRoots.Any(hidden => IsInside(path, hidden)) && !roots.Any(root => IsInside(path, root)))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        foreach (var toolchain in toolchains)
        {
            arguments.AddRange(["--ro-bind", toolchain, toolchain]);
            roots.Add(toolchain);
            foreach (var credentials in _credentialFiles.Select(name => Path.Combine(toolchain, name)).Where(File.Exists))
            {
                arguments.AddRange(["--ro-bind", "/dev/null", credentials]);
            }
        }

        // A hidden folder inside a mounted one (a data directory under /opt, say) is covered by an empty one.
        foreach (var covered in hiddenRoots.Where(h => roots.Any(root => IsInside(h, root))))
        {
            arguments.AddRange(["--tmpfs", covered]);
        }

        return new HostLayout(arguments, roots);
    }

    /// <summary><see langword="true"/> when <paramref name="path"/> is <paramref name="root"/> or below it.</summary>
    public static bool IsInside(string path, string root) =>
        string.Equals(path, root, StringComparison.Ordinal)
        || path.StartsWith(root.EndsWith('/') ? root : root + "/", StringComparison.Ordinal);

    private static IEnumerable<string> Toolchains(string? pathVariable, string? home, IEnumerable<string> extraReadOnly)
    {
        var homeRoot = string.IsNullOrWhiteSpace(home) ? null : Full(home);
        foreach (var entry in (pathVariable ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Path.IsPathRooted(entry) || !Directory.Exists(entry))
            {
                continue;
            }

            var path = Full(entry);
            if (path == "/" || path == homeRoot || path is "/root" or "/home" or "/etc" or "/tmp" or "/var" or "/proc" or "/dev")
            {
                continue;
            }

            if (homeRoot is not null && IsInside(path, homeRoot))
            {
                // ~/.cargo/bin → ~/.cargo: the toolchain's own folder, unless it is a private one.
                var top = path[(homeRoot.Length + 1)..].Split('/')[0];
                if (!_privateHomeEntries.Contains(top, StringComparer.Ordinal))
                {
                    yield return Path.Combine(homeRoot, top);
                }

                continue;
            }

            yield return path;
        }

        foreach (var extra in extraReadOnly.Where(p => !string.IsNullOrWhiteSpace(p)).Select(Full).Where(p => Directory.Exists(p) || File.Exists(p)))
        {
            yield return extra;
        }
    }

    private static string[] SafeDirectories(string folder, string pattern)
    {
        try
        {
            return Directory.GetDirectories(folder, pattern);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static string Full(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
}

using Nexus.Agents.Processes;

namespace Nexus.Agents.Sandboxing;

/// <summary>Runs programs inside bubblewrap: own PID, IPC and UTS namespaces, the network shared (the model provider), the
/// step's folders and home writable (but for their read-only parts, a workspace's <c>.git</c>), the toolchains read-only, a
/// private <c>/tmp</c>, nothing else of the machine; the sandbox dies with this process.</summary>
internal sealed class BubblewrapSandbox(string bubblewrap, HostLayout layout, SandboxScope scope) : IProcessSandbox
{
    /// <summary>Namespaces and lifetime: everything unshared but the network; killed with its parent; a new session so a
    /// sandboxed program cannot push input into the terminal it was started from.</summary>
    internal static readonly string[] BaseArguments =
        ["--die-with-parent", "--unshare-all", "--share-net", "--new-session", "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp", "--tmpfs", "/var/tmp"];

    /// <inheritdoc />
    public string Description => SandboxStatus.BubblewrapMode;

    /// <inheritdoc />
    public bool Confines => true;

    /// <inheritdoc />
    public ProcessSpec Apply(ProcessSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var environment = SandboxEnvironment.For(spec, scope.HomeDirectory, temporaryDirectory: "/tmp");
        var program = ExecutableLocator.Resolve(spec.FileName, spec.WorkingDirectory, environment.GetValueOrDefault("PATH") ?? string.Empty);
        var arguments = new List<string>(BaseArguments);
        arguments.AddRange(layout.Arguments);
        var visible = new List<string>(layout.ReadOnlyRoots);
        foreach (var root in ProgramRoots(program).Where(root => !visible.Any(v => HostLayout.IsInside(root, v))))
        {
            arguments.AddRange(["--ro-bind", root, root]);
            visible.Add(root);
        }

        foreach (var writable in scope.WritablePaths.Append(scope.HomeDirectory).Append(spec.WorkingDirectory).Distinct(StringComparer.Ordinal))
        {
            arguments.AddRange(["--bind", writable, writable]);
        }

        foreach (var readOnly in scope.ReadOnlyPaths.Where(path => Directory.Exists(path) || File.Exists(path)))
        {
            arguments.AddRange(["--ro-bind", readOnly, readOnly]);
        }

        arguments.AddRange(["--chdir", spec.WorkingDirectory, "--", program]);
        arguments.AddRange(spec.Arguments);
        return spec with
        {
            FileName = bubblewrap,
            Arguments = arguments,
            Environment = environment,
            InheritEnvironment = false,
            DieWithParent = true,
            RecordFile = scope.RecordFile ?? spec.RecordFile,
        };
    }

    /// <summary>The folder a program lives in, so that it is visible: its package (the nearest <c>node_modules</c>) or its
    /// folder, for the path given and for the file it links to.</summary>
    private static IEnumerable<string> ProgramRoots(string program)
    {
        foreach (var path in new[] { program, ResolveLinks(program) }.Distinct(StringComparer.Ordinal))
        {
            var directory = Path.GetDirectoryName(path)!;
            var package = directory;
            for (var current = directory; current is not null && current != "/"; current = Path.GetDirectoryName(current))
            {
                if (Path.GetFileName(current) == "node_modules")
                {
                    package = current;
                    break;
                }
            }

            yield return package;
        }
    }

    private static string ResolveLinks(string path)
    {
        try
        {
            return new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;
        }
        catch (IOException)
        {
            return path;
        }
    }
}

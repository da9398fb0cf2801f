using Nexus.Agents.Processes;

namespace Nexus.Agents.Sandboxing;

/// <summary>Decides once per process how agent processes and test runs are confined, and creates the sandbox of each step.</summary>
/// <remarks>
/// On Linux, bubblewrap (<c>bwrap</c>, Debian package <c>bubblewrap</c>) confines them when it can start here (it needs user
/// namespaces or root). Where it cannot (macOS, a container without user namespaces), <see cref="Create"/> refuses with a
/// <see cref="SandboxUnavailableException"/> unless <see cref="SandboxOptions.Unsandboxed"/> is set. Thread-safe.
/// </remarks>
public sealed class SandboxProvider
{
    /// <summary>What to do when no sandbox can start, in the words of every refusal.</summary>
    public const string OptOutHint = "install bubblewrap (Debian/Ubuntu: apt-get install bubblewrap), or pass --unsandboxed (NEXUS_UNSANDBOXED=1) to run agents without a sandbox";

    private static readonly TimeSpan _probeTimeout = TimeSpan.FromSeconds(20);

    private readonly SandboxOptions _options;
    private readonly Lazy<(SandboxStatus Status, string? Bubblewrap, HostLayout? Layout)> _probe;

    /// <summary>Creates a provider; the machine is probed on first use.</summary>
    public SandboxProvider(SandboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _probe = new(Probe, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Whether agents run confined here (probes the machine the first time).</summary>
    public SandboxStatus Status => _probe.Value.Status;

    /// <summary>Throws when agents may not run here: no sandbox starts and the operator did not opt out.</summary>
    /// <exception cref="SandboxUnavailableException">The message says why and what to do.</exception>
    public void EnsureAgentsAllowed()
    {
        var status = Status;
        if (!status.AgentsAllowed)
        {
            throw new SandboxUnavailableException(Refusal(status));
        }
    }

    /// <summary>The sandbox for one step's programs.</summary>
    /// <exception cref="SandboxUnavailableException">No sandbox can start and the operator did not opt out.</exception>
    public IProcessSandbox Create(SandboxScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var (status, bubblewrap, layout) = _probe.Value;
        if (_options.Unsandboxed)
        {
            return new UnconfinedSandbox(scope);
        }

        if (!status.Available || bubblewrap is null || layout is null)
        {
            throw new SandboxUnavailableException(Refusal(status));
        }

        return new BubblewrapSandbox(bubblewrap, layout, scope);
    }

    private (SandboxStatus, string?, HostLayout?) Probe()
    {
        if (!OperatingSystem.IsLinux())
        {
            return (new SandboxStatus(false, _options.Unsandboxed, $"bubblewrap needs Linux (this is {System.Runtime.InteropServices.RuntimeInformation.OSDescription})"), null, null);
        }

        string bubblewrap;
        try
        {
            bubblewrap = ExecutableLocator.Resolve(_options.BubblewrapPath ?? "bwrap", Environment.CurrentDirectory, Environment.GetEnvironmentVariable("PATH"));
        }
        catch (FileNotFoundException)
        {
            return (new SandboxStatus(false, _options.Unsandboxed, "bubblewrap (bwrap) is not installed"), null, null);
        }

        var layout = HostLayout.Discover(
            Environment.GetEnvironmentVariable("PATH"), Environment.GetEnvironmentVariable("HOME"), _options.ReadOnlyPaths, _options.HiddenPaths);
        var (works, detail) = TryStart(bubblewrap, layout);
        return works
            ? (new SandboxStatus(true, _options.Unsandboxed, detail), bubblewrap, layout)
            : (new SandboxStatus(false, _options.Unsandboxed, detail), null, null);
    }

    /// <summary>Starts <c>true</c> in a sandbox of the real layout, so "available" means a step's sandbox will start.</summary>
    private static (bool Works, string Detail) TryStart(string bubblewrap, HostLayout layout)
    {
        var scratch = Directory.CreateTempSubdirectory("nexus-sandbox-probe-");
        try
        {
            var sandbox = new BubblewrapSandbox(bubblewrap, layout, new SandboxScope { WritablePaths = [scratch.FullName], HomeDirectory = scratch.FullName });
            var version = new ProcessRunner().RunAsync(new ProcessSpec
            {
                FileName = bubblewrap,
                Arguments = ["--version"],
                WorkingDirectory = scratch.FullName,
                InheritEnvironment = false,
                Timeout = _probeTimeout,
            }).GetAwaiter().GetResult();
            var name = version.ExitCode == 0 && version.Stdout.Trim() is { Length: > 0 } text ? text : "bubblewrap";
            var outcome = new ProcessRunner().RunAsync(sandbox.Apply(new ProcessSpec
            {
                FileName = "true",
                WorkingDirectory = scratch.FullName,
                Timeout = _probeTimeout,
            })).GetAwaiter().GetResult();
            return outcome.ExitCode == 0
                ? (true, name)
                : (false, $"{name} cannot start a sandbox here: {FirstLine(outcome.Stderr)}");
        }
        catch (Exception ex) when (ex is IOException or FileNotFoundException or UnauthorizedAccessException)
        {
            return (false, $"bubblewrap cannot start: {ex.Message}");
        }
        finally
        {
            try
            {
                scratch.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A probe folder left in the temp directory is harmless.
            }
        }
    }

    private static string Refusal(SandboxStatus status) =>
        $"no sandbox can start here ({status.Description}), so NEXUS does not run agents: {OptOutHint}";

    private static string FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "no reason given";
}

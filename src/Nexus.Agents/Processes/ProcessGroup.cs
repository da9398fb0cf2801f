using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Nexus.Agents.Processes;

/// <summary>
/// Starting a program as the leader of its own session (through <c>setsid</c>) and killing everything in it.
/// </summary>
/// <remarks>
/// <see cref="Process.Kill(bool)"/> walks the tree by parent id, so a grandchild whose parent already exited (a
/// double fork, <c>(cmd &amp;)</c> in a shell) is invisible to it. A process group catches those too: every descendant
/// stays in the group unless it deliberately leaves it.
/// </remarks>
internal static partial class ProcessGroup
{
    private const int SigKill = 9;

    private static readonly Lazy<string?> _setsidPath = new(FindSetsid);

    /// <summary>The <c>setsid</c> program, or <see langword="null"/> when the platform has none (then only tree kill is used).</summary>
    public static string? SetsidPath => _setsidPath.Value;

    /// <summary>Kills the process tree of <paramref name="process"/> and, when it leads its own group, everything in the group.</summary>
    public static void KillAll(Process process, bool ownsGroup)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception ex) when (ex is InvalidOperationException or Win32Exception or AggregateException or NotSupportedException)
        {
            // Already gone, or some child vanished while we walked the tree: the group kill below covers the rest.
        }

        if (ownsGroup)
        {
            KillGroup(process.Id);
        }
    }

    /// <summary>Sends SIGKILL to every process in group <paramref name="groupId"/>; a group that no longer exists is fine.</summary>
    public static void KillGroup(int groupId)
    {
        if (!OperatingSystem.IsWindows() && groupId > 1)
        {
            _ = SendSignal(-groupId, SigKill);
        }
    }

    /// <summary>Sends SIGKILL to group <paramref name="groupId"/> and waits (at most <paramref name="timeout"/>) until no
    /// process of it is left, so that whatever runs next cannot meet it. A foreign group's end raises no event to await,
    /// so its presence is checked every few milliseconds.</summary>
    /// <returns><see langword="true"/> when the group is gone.</returns>
    public static bool KillGroupAndWait(int groupId, TimeSpan timeout)
    {
        KillGroup(groupId);
        if (OperatingSystem.IsWindows() || groupId <= 1)
        {
            return true;
        }

        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (SendSignal(-groupId, 0) == 0)
        {
            if (Environment.TickCount64 >= deadline)
            {
                return false;
            }

            Thread.Sleep(5);
        }

        return true;
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SendSignal(int pid, int signal);

    private static string? FindSetsid()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        string[] candidates = ["/usr/bin/setsid", "/bin/setsid"];
        return candidates.FirstOrDefault(File.Exists);
    }
}

using System.Globalization;
using System.Runtime.InteropServices;

namespace Nexus.Workflows.Tests.Recovery;

/// <summary>A process, everything it started and the process groups they lead, read from /proc; and SIGKILL for all of it.</summary>
/// <remarks>
/// <c>nexus</c> starts each <c>claude</c> in a session of its own (through <c>setsid</c>), so killing the process group of
/// <c>nexus</c> alone would leave Claude running: the tree is walked by parent id, and every group found in it is killed.
/// The root is stopped (SIGSTOP) before the walk, so it can neither notice a dying child nor start a new one meanwhile.
/// </remarks>
internal static class ProcessTree
{
    private const int SigKill = 9;
    private const int SigStop = 19;

    /// <summary>Stops <paramref name="rootPid"/>'s group, then SIGKILLs the group, every descendant and the groups they lead;
    /// returns the ids of the descendants that were killed (the root not included).</summary>
    public static IReadOnlyList<int> KillAll(int rootPid)
    {
        var ownGroup = GroupOf(Environment.ProcessId);
        _ = Kill(-rootPid, SigStop);
        var descendants = DescendantsOf(rootPid);
        _ = Kill(-rootPid, SigKill);
        _ = Kill(rootPid, SigKill);
        foreach (var pid in descendants)
        {
            if (GroupOf(pid) is { } group && group > 1 && group != ownGroup)
            {
                _ = Kill(-group, SigKill);
            }

            _ = Kill(pid, SigKill);
        }

        return descendants;
    }

    /// <summary>SIGKILLs <paramref name="pid"/> alone; what it started is left to fend for itself.</summary>
    public static void KillOne(int pid) => _ = Kill(pid, SigKill);

    /// <summary>Whether <paramref name="pid"/> still runs (a zombie waiting for its parent does not count).</summary>
    /// <summary>The parent of <paramref name="pid"/>, or <see langword="null"/> when it has gone.</summary>
    public static int? ParentOf(int pid) => Stat(pid)?.ParentId;

    public static bool IsRunning(int pid) => Stat(pid) is { } stat && stat.State != 'Z' && stat.State != 'X';

    /// <summary>Every process below <paramref name="rootPid"/> (children, their children, …).</summary>
    public static IReadOnlyList<int> DescendantsOf(int rootPid)
    {
        var children = new Dictionary<int, List<int>>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && Stat(pid) is { } stat)
            {
                if (!children.TryGetValue(stat.ParentId, out var list))
                {
                    children[stat.ParentId] = list = [];
                }

                list.Add(pid);
            }
        }

        var found = new List<int>();
        var pending = new Stack<int>([rootPid]);
        while (pending.TryPop(out var parent))
        {
            foreach (var child in children.GetValueOrDefault(parent) ?? [])
            {
                found.Add(child);
                pending.Push(child);
            }
        }

        return found;
    }

    /// <summary>The command line of <paramref name="pid"/> (arguments joined by spaces), or empty when it is gone.</summary>
    public static string CommandLineOf(int pid) => string.Join(' ', ArgumentsOf(pid));

    /// <summary>The arguments of <paramref name="pid"/>, the program first; empty when it is gone.</summary>
    public static IReadOnlyList<string> ArgumentsOf(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>The processes whose working directory is <paramref name="directory"/>.</summary>
    public static IReadOnlyList<int> RunningIn(string directory)
    {
        var target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        var found = new List<int>();
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(entry), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                if (new DirectoryInfo(Path.Combine(entry, "cwd")).ResolveLinkTarget(returnFinalTarget: false)?.FullName is { } cwd &&
                    string.Equals(Path.TrimEndingDirectorySeparator(cwd), target, StringComparison.Ordinal))
                {
                    found.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone, or not ours to look at.
            }
        }

        return found;
    }

    private static int? GroupOf(int pid) => Stat(pid)?.GroupId;

    // /proc/<pid>/stat: "pid (comm) state ppid pgrp …"; comm may hold spaces and parentheses, so parse after the last ')'.
    private static (char State, int ParentId, int GroupId)? Stat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return (fields[0][0], int.Parse(fields[1], CultureInfo.InvariantCulture), int.Parse(fields[2], CultureInfo.InvariantCulture));
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Kill(int pid, int signal);
}

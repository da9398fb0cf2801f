using System.Globalization;

namespace Nexus.Agents.Processes;

/// <summary>A file that names a running program's process group, so that what an earlier attempt of a step left running
/// can be killed before the step runs again.</summary>
/// <remarks>
/// One line: <c>host pid start-time</c>, where start-time is field 22 of <c>/proc/pid/stat</c>, so a recycled process id
/// is never mistaken for the recorded program. A record written on another machine is left alone (that program died with
/// its own worker: agent processes run with <c>--die-with-parent</c>).
/// </remarks>
public static class ProcessRecord
{
    /// <summary>Writes the record of <paramref name="processId"/> (a process-group leader) to <paramref name="path"/>.</summary>
    public static void Write(string path, int processId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var line = string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName} {processId} {StartTime(processId) ?? 0}\n");
        File.WriteAllText(path, line);
    }

    /// <summary>Removes the record at <paramref name="path"/> when it still names <paramref name="processId"/>.</summary>
    public static void Remove(string path, int processId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (Read(path) is { } record && record.ProcessId == processId)
        {
            TryDelete(path);
        }
    }

    /// <summary>
    /// Kills the process group recorded at <paramref name="path"/> when it is still running on this machine, and removes the
    /// record. Returns <see langword="true"/> when something was killed.
    /// </summary>
    public static bool KillRecorded(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (Read(path) is not { } record)
        {
            return false;
        }

        var killed = false;
        if (string.Equals(record.Host, Environment.MachineName, StringComparison.Ordinal)
            && record.ProcessId > 1
            && StartTime(record.ProcessId) is { } startTime
            && startTime == record.StartTime)
        {
            // Gone before the new attempt starts: nothing of the earlier one can still write into the workspace.
            ProcessGroup.KillGroupAndWait(record.ProcessId, TimeSpan.FromSeconds(5));
            killed = true;
        }

        TryDelete(path);
        return killed;
    }

    private static (string Host, int ProcessId, long StartTime)? Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return parts.Length == 3
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var start)
                ? (parts[0], pid, start)
                : null;
    }

    /// <summary>The start time of a process in clock ticks since boot (field 22 of /proc/pid/stat), or null.</summary>
    private static long? StartTime(int processId)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/stat");
            // The command name (field 2) is in parentheses and may contain spaces: count fields after the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields.Length > 19 && long.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) ? ticks : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A record that cannot be removed is harmless: its start time no longer matches any process.
        }
    }
}

using System.Diagnostics;
using System.Globalization;

namespace Nexus.Hosting;

/// <summary>A lease that another worker holds on a project's work (the step it runs, or ran when it was killed): what a
/// process that carries the project on waits for.</summary>
/// <param name="Owner">The holder's worker id (<c>machine:pid:suffix</c>).</param>
/// <param name="Until">When it lapses unless renewed.</param>
/// <param name="HolderGone">The holder was a process of this machine that no longer runs: the lease will not be renewed.</param>
public sealed record ProjectLease(string Owner, DateTimeOffset Until, bool HolderGone)
{
    /// <summary>One line for people, as of <paramref name="now"/>.</summary>
    public string Describe(DateTimeOffset now)
    {
        var seconds = Math.Max(0, (int)Math.Ceiling((Until - now).TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return HolderGone
            ? $"waiting for the lease of worker {Owner}, whose process is gone: the step it was running starts again when the lease lapses in {seconds} s"
            : $"worker {Owner} holds this project's running step (its lease runs {seconds} s more and is renewed while that worker lives): this process takes over if it stops";
    }

    /// <summary>Whether the worker <paramref name="owner"/> ran on this machine in a process that has ended.</summary>
    internal static bool IsGone(string owner)
    {
        var parts = owner.Split(':');
        if (parts.Length < 3 || !string.Equals(parts[0], Environment.MachineName, StringComparison.Ordinal)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true; // no such process
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }
}

namespace Nexus.Benchmarks.Host;

/// <summary>The machine's load average (1, 5 and 15 minutes) from <c>/proc/loadavg</c>.</summary>
internal static class LoadAverage
{
    public static string Read()
    {
        try
        {
            var fields = File.ReadAllText("/proc/loadavg").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return fields.Length >= 3 ? $"{fields[0]} {fields[1]} {fields[2]}" : "n/a";
        }
        catch (IOException)
        {
            return "n/a";
        }
    }
}

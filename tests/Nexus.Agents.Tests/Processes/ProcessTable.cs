using Xunit;

namespace Nexus.Agents.Tests.Processes;

/// <summary>Looks at /proc to see which processes carry a marker variable in their environment.</summary>
internal static class ProcessTable
{
    /// <summary>Ids of live (non-zombie) processes whose environment contains <c>name=value</c>.</summary>
    public static IReadOnlyList<int> WithEnvironmentMarker(string name, string value)
    {
        var needle = $"{name}={value}";
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            try
            {
                var environ = File.ReadAllText(Path.Combine(directory, "environ"));
                if (environ.Split('\0').Contains(needle, StringComparer.Ordinal))
                {
                    found.Add(pid);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The process ended while we looked, or is not ours.
            }
        }

        return found;
    }

    /// <summary>Waits until no process carries the marker; SIGKILL is delivered asynchronously, so allow a moment.</summary>
    public static async Task<IReadOnlyList<int>> SurvivorsAfterAsync(string name, string value, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var survivors = WithEnvironmentMarker(name, value);
            if (survivors.Count == 0 || DateTime.UtcNow > deadline)
            {
                return survivors;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}

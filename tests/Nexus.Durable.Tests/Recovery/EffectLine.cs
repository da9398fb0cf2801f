using System.Globalization;

namespace Nexus.Durable.Tests.Recovery;

/// <summary>One line the test worker wrote: <c>start|done &lt;instance&gt; &lt;n&gt; &lt;pid&gt;</c> for a step, or
/// <c>start crash &lt;instance&gt; &lt;attempt&gt; &lt;pid&gt;</c> for the crashing activity (Kind "crash", Number = attempt).</summary>
internal sealed record EffectLine(string Kind, string InstanceId, int Number, int Pid)
{
    /// <summary>The complete lines of an effects file so far (none when it does not exist yet); a line still being
    /// written is not read.</summary>
    public static IReadOnlyList<EffectLine> ReadFile(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd();
        var complete = text[..(text.LastIndexOf('\n') + 1)];
        return [.. complete.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Parse)];
    }

    public static EffectLine Parse(string line)
    {
        var parts = line.Split(' ');
        return parts switch
        {
            ["start", "crash", var instance, var attempt, var pid] => new EffectLine("crash", instance, Int(attempt), Int(pid)),
            ["start" or "done", var instance, var n, var pid] => new EffectLine(parts[0], instance, Int(n), Int(pid)),
            _ => throw new FormatException($"Unexpected effects line '{line}'."),
        };
    }

    private static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);
}

using Nexus.Workflows.Live;

namespace Nexus.Cli.Output;

/// <summary>How a live activity reads in the CLI: <c>Code · Write src/csv2json.js</c>.</summary>
internal static class ActivityText
{
    /// <summary>The longest line shown; the rest is cut with an ellipsis.</summary>
    public const int Limit = 160;

    /// <summary>The agent's name, a middle dot, the activity; one line.</summary>
    public static string Line(LiveActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return Shorten($"{activity.AgentName ?? activity.AgentId} · {activity.Text}", Limit);
    }

    /// <summary>The activity alone (for a column that already names the agent), at most <paramref name="limit"/> characters.</summary>
    public static string Short(LiveActivity activity, int limit)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return Shorten(activity.Text, limit);
    }

    private static string Shorten(string text, int limit)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= limit ? line : line[..(limit - 1)] + "…";
    }
}

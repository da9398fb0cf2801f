using System.Globalization;
using System.Text.RegularExpressions;

namespace Nexus.Durable.Tests.Properties;

/// <summary>What <see cref="ShapeInterpreter"/> must return for a program, computed without the engine: each logged step
/// as a pattern (a GUID's prefix and a race's winner are only known by form).</summary>
internal static class ShapeModel
{
    public static string Work(int x) => "w" + x.ToString(CultureInfo.InvariantCulture);

    public static string ChildOutput(int x) => "child:" + Work(x);

    /// <summary>A regular expression the output of <paramref name="program"/> matches exactly.</summary>
    public static Regex ExpectedOutput(IReadOnlyList<Step> program)
    {
        var tally = 0;
        var parts = new List<string>();
        foreach (var step in program)
        {
            switch (step.Kind)
            {
                case "activity":
                    parts.Add(Regex.Escape(Work(step.Arg)));
                    break;
                case "fanout":
                    parts.Add(Regex.Escape(string.Join("+", Enumerable.Range(0, step.Arg).Select(i => Work((step.Arg * 10) + i)))));
                    break;
                case "sub":
                    parts.Add(Regex.Escape(ChildOutput(step.Arg)));
                    break;
                case "timer":
                    parts.Add("tick");
                    break;
                case "guid":
                    parts.Add("[0-9a-f]{8}");
                    break;
                case "entity":
                    tally += step.Arg;
                    parts.Add(tally.ToString(CultureInfo.InvariantCulture));
                    break;
                case "race":
                    parts.Add("(first|second)");
                    break;
                default:
                    break; // "status" logs nothing
            }
        }

        return new Regex("^" + string.Join(Regex.Escape("|"), parts) + "$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }
}

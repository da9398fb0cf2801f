using System.Globalization;

namespace Nexus.Benchmarks.Host;

/// <summary>Command-line options of the <c>list</c> benchmark.</summary>
internal sealed class ListBenchOptions
{
    public const string Usage = "usage: list [--projects N] [--runs N]";

    /// <summary>Projects in the store (default 10,000).</summary>
    public int Projects { get; private set; } = 10_000;

    /// <summary>Timed runs per request (default 50; the full-scan search runs a fifth as many).</summary>
    public int Runs { get; private set; } = 50;

    public static ListBenchOptions Parse(ReadOnlySpan<string> args)
    {
        var o = new ListBenchOptions();
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length)
            {
                throw new ArgumentException($"Option {args[i]} needs a value.");
            }

            var value = int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 0;
            switch (args[i])
            {
                case "--projects" when value is > 25 and <= 1_000_000: o.Projects = value; break;
                case "--runs" when value is > 0 and <= 10_000: o.Runs = value; break;
                default: throw new ArgumentException($"{args[i]} {args[i + 1]}: --projects takes 26–1,000,000, --runs 1–10,000.");
            }
        }

        return o;
    }
}

using System.Globalization;

namespace Nexus.Benchmarks.Live;

/// <summary>The options of <c>live</c>: how many projects (one Claude turn each) and how many tool uses per turn.</summary>
internal sealed record LiveBenchOptions
{
    public const string Usage = "usage: live [--projects 3] [--tools 30]";

    /// <summary>Projects run one after another; Code's first turn of each is measured. Default 3.</summary>
    public int Projects { get; init; } = 3;

    /// <summary>Tool uses (Write of a new file each) in that turn. Default 30.</summary>
    public int Tools { get; init; } = 30;

    public static LiveBenchOptions Parse(ReadOnlySpan<string> args)
    {
        var options = new LiveBenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
                ? n
                : throw new ArgumentException($"{args[i]}: expected a positive whole number after it.");
            options = args[i] switch
            {
                "--projects" => options with { Projects = value },
                "--tools" => options with { Tools = value },
                _ => throw new ArgumentException($"unknown option '{args[i]}'."),
            };
            i++;
        }

        return options;
    }
}

using System.Globalization;

namespace Nexus.Benchmarks.Host;

/// <summary>Command-line options of the <c>host</c> benchmark.</summary>
internal sealed class HostBenchOptions
{
    public const string Usage =
        "usage: host [--clients N] [--seconds S | --requests N] [--warmup-seconds S] [--events N] [--parallel N]";

    /// <summary>Concurrent load clients (each its own request loop).</summary>
    public int Clients { get; private set; } = 50;

    /// <summary>Measured seconds per load target (used when <see cref="Requests"/> is not set).</summary>
    public double Seconds { get; private set; } = 10;

    /// <summary>Measured requests per load target, instead of a duration.</summary>
    public int? Requests { get; private set; }

    /// <summary>The shortest warm-up (not recorded) before the load targets are measured; it goes on while the JIT is busy.</summary>
    public double WarmupSeconds { get; private set; } = 2;

    /// <summary>At least this many live history events for the SSE delay.</summary>
    public int Events { get; private set; } = 200;

    /// <summary>Projects started (and streamed) at once in the SSE run.</summary>
    public int Parallel { get; private set; } = 4;

    public static HostBenchOptions Parse(ReadOnlySpan<string> args)
    {
        var o = new HostBenchOptions();
        var seconds = false;
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (i + 1 >= args.Length)
            {
                throw new ArgumentException($"Option {name} needs a value.");
            }

            var value = args[++i];
            switch (name)
            {
                case "--clients": o.Clients = Positive(name, value, 10_000); break;
                case "--seconds": o.Seconds = ParseSeconds(name, value, allowZero: false); seconds = true; break;
                case "--requests": o.Requests = Positive(name, value, 100_000_000); break;
                case "--warmup-seconds": o.WarmupSeconds = ParseSeconds(name, value, allowZero: true); break;
                case "--events": o.Events = Positive(name, value, 1_000_000); break;
                case "--parallel": o.Parallel = Positive(name, value, 64); break;
                default: throw new ArgumentException($"Unknown option {name}.");
            }
        }

        if (seconds && o.Requests is not null)
        {
            throw new ArgumentException("Give --seconds or --requests, not both.");
        }

        return o;
    }

    private static int Positive(string name, string value, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 && n <= max
            ? n
            : throw new ArgumentException($"{name} must be an integer from 1 to {max}, not '{value}'.");

    private static double ParseSeconds(string name, string value, bool allowZero) =>
        double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var s) && (s > 0 || (allowZero && s == 0)) && s <= 3600
            ? s
            : throw new ArgumentException($"{name} must be a number of seconds {(allowZero ? "from 0" : "above 0")} up to 3600, not '{value}'.");
}

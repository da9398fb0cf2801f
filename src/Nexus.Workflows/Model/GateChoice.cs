using System.Globalization;

namespace Nexus.Workflows.Model;

/// <summary>What one project's starter asked of the QA and Security gates, over the host's configured ones
/// (<see cref="Hosting.WorkflowOptions.Gates"/>): each field left <see langword="null"/> keeps the configured value.</summary>
/// <remarks>It travels in a start's body (<c>"gates": {"qa": false, "minLineCoverage": 60}</c>), a queued submission and
/// <c>nexus run --gates/--min-coverage/--max-complexity</c>; the host folds it into <see cref="ProjectRequest.Gates"/> when the
/// project starts, so a project records complete settings and replays and retries check the same ones.</remarks>
[System.Text.Json.Serialization.JsonUnmappedMemberHandling(System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow)]
public sealed record GateChoice
{
    /// <summary>Run the QA gate.</summary>
    public bool? Qa { get; init; }

    /// <summary>Run the Security gate.</summary>
    public bool? Security { get; init; }

    /// <summary>Least line coverage in percent (0–100).</summary>
    public double? MinLineCoverage { get; init; }

    /// <summary>Most cyclomatic complexity of one function (at least 1).</summary>
    public int? MaxComplexity { get; init; }

    /// <summary>The gates <paramref name="configured"/> becomes with this choice over it.</summary>
    public GateSettings ApplyTo(GateSettings configured)
    {
        ArgumentNullException.ThrowIfNull(configured);
        return configured with
        {
            Quality = Qa ?? configured.Quality,
            Security = Security ?? configured.Security,
            MinLineCoverage = MinLineCoverage ?? configured.MinLineCoverage,
            MaxComplexity = MaxComplexity ?? configured.MaxComplexity,
        };
    }

    /// <summary>The choice a mode word gives: <c>on</c>, <c>off</c>, <c>qa</c> (only QA) or <c>security</c> (only Security),
    /// the words of <see cref="GateSettings.GatesVariable"/>.</summary>
    /// <exception cref="ArgumentException">Another word.</exception>
    public static GateChoice FromMode(string mode)
    {
        ArgumentNullException.ThrowIfNull(mode);
        return mode.Trim().ToUpperInvariant() switch
        {
            "ON" => new GateChoice { Qa = true, Security = true },
            "OFF" => new GateChoice { Qa = false, Security = false },
            "QA" => new GateChoice { Qa = true, Security = false },
            "SECURITY" => new GateChoice { Qa = false, Security = true },
            _ => throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"'{mode}' is not on, off, qa or security."), nameof(mode)),
        };
    }
}

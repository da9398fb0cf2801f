namespace Nexus.Agents.Quality;

/// <summary>The coverage of one source file in a test run.</summary>
/// <param name="File">The workspace-relative path.</param>
/// <param name="Lines">Lines the coverage tool counts.</param>
/// <param name="CoveredLines">Lines that ran.</param>
/// <param name="Branches">Branches.</param>
/// <param name="CoveredBranches">Branches taken.</param>
/// <param name="UncoveredLines">The numbers of the lines that did not run, in order.</param>
public sealed record FileCoverage(string File, int Lines, int CoveredLines, int Branches, int CoveredBranches, IReadOnlyList<int> UncoveredLines)
{
    /// <summary>Covered lines in percent (100 for a file without lines).</summary>
    public double LinePercent => Percent(CoveredLines, Lines);

    /// <summary>Covered branches in percent (100 for a file without branches).</summary>
    public double BranchPercent => Percent(CoveredBranches, Branches);

    internal static double Percent(int covered, int total) => total == 0 ? 100 : Math.Round(covered * 100.0 / total, 2);
}

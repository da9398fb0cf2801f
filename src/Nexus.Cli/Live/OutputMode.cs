namespace Nexus.Cli.Live;

/// <summary>How a followed project is shown.</summary>
internal enum OutputMode
{
    /// <summary>Plain lines, one per change (stdout is a pipe or a CI log).</summary>
    Plain,

    /// <summary>The live terminal view.</summary>
    Terminal,

    /// <summary>Nothing while it runs, one JSON object at the end.</summary>
    Json,
}

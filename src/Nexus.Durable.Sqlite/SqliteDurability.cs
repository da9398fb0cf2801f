namespace Nexus.Durable.Sqlite;

/// <summary>How hard each commit of a <see cref="SqliteDurableStore"/> is pushed to disk.</summary>
public enum SqliteDurability
{
    /// <summary>Every commit is synced (<c>PRAGMA synchronous=FULL</c>): a committed checkpoint survives power loss.</summary>
    Full = 0,

    /// <summary>Commits are written but not synced (<c>PRAGMA synchronous=NORMAL</c>): they survive a process crash; the
    /// last commits may be lost on power loss (the database stays consistent).</summary>
    Normal = 1,
}

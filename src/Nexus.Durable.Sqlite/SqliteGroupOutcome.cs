namespace Nexus.Durable.Sqlite;

/// <summary>How running a group's requests ended (see <see cref="SqliteWriter"/>).</summary>
internal enum GroupOutcome
{
    /// <summary>Every request ran (some may have failed cleanly): commit.</summary>
    Ready,

    /// <summary>A request failed after writing; the group was rolled back and must run again with savepoints.</summary>
    Retry,

    /// <summary>The group was rolled back and every request failed.</summary>
    Aborted,
}

namespace Nexus.Hosting;

/// <summary>Where the durable state lives.</summary>
public enum NexusStoreKind
{
    /// <summary>One SQLite file in the data directory, one process (the embedded default).</summary>
    Sqlite,

    /// <summary>A PostgreSQL database shared by any number of worker processes (scale-out).</summary>
    Postgres,
}

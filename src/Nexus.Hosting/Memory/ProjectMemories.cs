using Nexus.Workflows.Memory;

namespace Nexus.Hosting.Memory;

/// <summary>Which memory across projects a host uses, decided from the store kind (the one place): SQLite FTS5 beside the
/// embedded store, PostgreSQL full-text search in the shared store's database and schema.</summary>
public static class ProjectMemories
{
    /// <summary>The memory that goes with <paramref name="options"/>' store, or <see langword="null"/> when
    /// <see cref="Workflows.Hosting.WorkflowOptions.Memory"/> is off.</summary>
    public static IProjectMemory? For(NexusOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Memory)
        {
            return null;
        }

        return options.ResolveStore() == NexusStoreKind.Postgres && !string.IsNullOrWhiteSpace(options.Connection)
            ? new PostgresProjectMemory(options.Connection, options.Schema)
            : new SqliteProjectMemory(options.MemoryDatabasePath);
    }

    /// <summary>The memory a host without a data directory of its own can share (the Function App): PostgreSQL when the
    /// options name that store and its connection, else <see langword="null"/> — a SQLite file on one instance of a
    /// scaled-out app would be a memory of that instance only.</summary>
    public static IProjectMemory? Shared(NexusOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Memory && options.ResolveStore() == NexusStoreKind.Postgres && !string.IsNullOrWhiteSpace(options.Connection)
            ? new PostgresProjectMemory(options.Connection, options.Schema)
            : null;
    }
}

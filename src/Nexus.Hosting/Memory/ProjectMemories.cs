using Nexus.Workflows.Memory;

namespace Nexus.Hosting.Memory;

/// <summary>Which memory across projects a host uses, decided from the store kind (the one place): SQLite FTS5 beside the
/// embedded store, PostgreSQL full-text search in the shared store's database and schema.</summary>
/// <remarks>Whether projects use it is <see cref="Workflows.Hosting.WorkflowOptions.Memory"/>, recorded in each request; the
/// store is there either way, so that a purge removes what a project stored before the memory was turned off, and a search
/// still finds what is in it.</remarks>
public static class ProjectMemories
{
    /// <summary>The memory that goes with <paramref name="options"/>' store.</summary>
    public static IProjectMemory For(NexusOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Shared(options) ?? new SqliteProjectMemory(options.MemoryDatabasePath);
    }

    /// <summary>The memory a host without a data directory of its own can share (the Function App): PostgreSQL when the
    /// options name that store and its connection, else <see langword="null"/> — a SQLite file on one instance of a
    /// scaled-out app would be a memory of that instance only.</summary>
    public static IProjectMemory? Shared(NexusOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.ResolveStore() == NexusStoreKind.Postgres && !string.IsNullOrWhiteSpace(options.Connection)
            ? new PostgresProjectMemory(options.Connection, options.Schema)
            : null;
    }
}

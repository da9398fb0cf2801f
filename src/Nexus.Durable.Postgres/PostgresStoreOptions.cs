using System.Text.RegularExpressions;

namespace Nexus.Durable.Postgres;

/// <summary>Options of a <see cref="PostgresDurableStore"/>. Validated when the store is created.</summary>
public sealed partial class PostgresStoreOptions
{
    /// <summary>The Npgsql connection string. Required.</summary>
    /// <remarks>Unless the connection string sets them, the store turns on automatic statement preparation
    /// (<c>Max Auto Prepare=64</c>, <c>Auto Prepare Min Usages=2</c>), <c>No Reset On Close=true</c> (its connections
    /// change no session state), <c>Maximum Pool Size=20</c> (the engine's many in-flight operations queue for a
    /// connection rather than each holding a server backend), names itself <c>Application Name=nexus</c> and adds
    /// <c>-c plan_cache_mode=force_generic_plan</c> to <c>Options</c> (its statements are planned once per connection).
    /// Commits stay durable: the store never changes <c>synchronous_commit</c>.</remarks>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>The PostgreSQL schema holding the store's tables (created when missing). Several task hubs can share one
    /// database with different schemas: they see neither each other's work nor each other's notifications. Lower-case
    /// letters, digits and underscores, starting with a letter or underscore, at most 48 characters, not <c>pg_</c>…
    /// Default <c>nexus</c>.</summary>
    public string Schema { get; set; } = "nexus";

    /// <summary>Values (inputs, outputs, event data) larger than this many UTF-8 bytes are stored once per instance and
    /// referenced. Default 8 KiB.</summary>
    public int PayloadThresholdBytes { get; set; } = 8 * 1024;

    /// <summary>The clock for leases, visibility times and timestamps. Default <see cref="TimeProvider.System"/>.</summary>
    /// <remarks>Every stored time comes from this clock and is passed to the database as a parameter; the database's own
    /// clock is never used, so workers on several machines must have synchronized clocks (as with any lease scheme).</remarks>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Whether the store listens for other processes' notifications (LISTEN on one dedicated connection) so that
    /// <see cref="PostgresDurableStore.WaitForWorkAsync"/> and <see cref="PostgresDurableStore.WaitForInstanceChangeAsync"/>
    /// wake when another process enqueues work or changes an instance. Default <see langword="true"/>; when off, waits
    /// end at their maxWait (polling) unless this store instance itself made the change.</summary>
    public bool ListenForNotifications { get; set; } = true;

    /// <summary>Whether the store sends notifications (NOTIFY) for the work and instance changes it commits, so other
    /// processes wake. Default <see langword="true"/>. They are sent right after the commit, coalesced, outside the
    /// committing transaction (so commits of many workers never queue behind each other's notifications).</summary>
    public bool SendNotifications { get; set; } = true;

    /// <summary>How long the listener waits before reconnecting after its connection dropped (wall-clock). Default 1 second.</summary>
    public TimeSpan ListenerReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw new ArgumentException("A PostgreSQL connection string is required (PostgresStoreOptions.ConnectionString).", nameof(ConnectionString));
        }

        if (Schema is null || !SchemaPattern().IsMatch(Schema) || Schema.StartsWith("pg_", StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"The schema name '{Schema}' is not valid: use 1-48 lower-case letters, digits or underscores, starting with a letter or underscore, not 'pg_'.",
                nameof(Schema));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(PayloadThresholdBytes);
        ArgumentNullException.ThrowIfNull(TimeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThan(ListenerReconnectDelay, TimeSpan.Zero);
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,47}$", RegexOptions.CultureInvariant)]
    private static partial Regex SchemaPattern();
}

using Nexus.Durable.Storage;
using Nexus.Durable.Worker;
using Nexus.Workflows.Hosting;

namespace Nexus.Hosting;

/// <summary>Options of <see cref="NexusRuntime"/>, the composition root shared by the CLI and the local host: the
/// workflow's settings (<see cref="WorkflowOptions"/>) plus NEXUS's own host: the store, the worker and where the
/// scratchpads' Markdown goes.</summary>
public sealed class NexusOptions : WorkflowOptions
{
    /// <summary>The environment variable that selects the store (<c>sqlite</c> or <c>postgres</c>).</summary>
    public const string StoreVariable = "NEXUS_STORE";

    /// <summary>The environment variable with the PostgreSQL connection string.</summary>
    public const string ConnectionVariable = "NEXUS_CONNECTION";

    /// <summary>The environment variable with the PostgreSQL schema (task hub) name.</summary>
    public const string SchemaVariable = "NEXUS_SCHEMA";

    /// <summary>The store; <see langword="null"/> (default): <c>NEXUS_STORE</c>, else <see cref="NexusStoreKind.Sqlite"/>
    /// (see <see cref="ResolveStore"/>).</summary>
    public NexusStoreKind? Store { get; set; }

    /// <summary>The PostgreSQL connection string (required with <see cref="NexusStoreKind.Postgres"/>). Default <c>NEXUS_CONNECTION</c>.</summary>
    public string? Connection { get; set; } = Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } connection ? connection : null;

    /// <summary>The PostgreSQL schema that holds this task hub's tables (several hubs can share a database). Default
    /// <c>NEXUS_SCHEMA</c>, else <c>nexus</c>.</summary>
    public string Schema { get; set; } = Environment.GetEnvironmentVariable(SchemaVariable) is { Length: > 0 } schema ? schema : "nexus";

    /// <summary>The environment variable that chooses where the scratchpads' Markdown goes (<c>file</c> or <c>blob</c>).</summary>
    public const string ScratchpadsVariable = "NEXUS_SCRATCHPADS";

    /// <summary>The environment variable with the Azure Storage connection string of the blob scratchpads.</summary>
    public const string ScratchpadsConnectionVariable = "NEXUS_SCRATCHPADS_CONNECTION";

    /// <summary>Where each step's scratchpad entries are written as readable Markdown (what agents read and the API serves
    /// comes from the durable Scratchpads entity either way): <c>file</c> (default; <c>{data}/projects/{id}/*.md</c>) or
    /// <c>blob</c> (one blob per project and pad in the <c>scratchpads</c> container of <see cref="ScratchpadsConnection"/>,
    /// written with ETags). Default <c>NEXUS_SCRATCHPADS</c>, else <c>file</c>.</summary>
    public string Scratchpads { get; set; } = Environment.GetEnvironmentVariable(ScratchpadsVariable) is { Length: > 0 } pads ? pads : "file";

    /// <summary>The Azure Storage connection string for <c>blob</c> scratchpads (Azure or Azurite). Default
    /// <c>NEXUS_SCRATCHPADS_CONNECTION</c>. Never printed.</summary>
    public string? ScratchpadsConnection { get; set; } =
        Environment.GetEnvironmentVariable(ScratchpadsConnectionVariable) is { Length: > 0 } padsConnection ? padsConnection : null;

    /// <summary>The environment variable with the OpenTelemetry collector's address (the standard one).</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The environment variable with the OTLP protocol: <c>http/protobuf</c> (default) or <c>grpc</c>.</summary>
    public const string OtlpProtocolVariable = "OTEL_EXPORTER_OTLP_PROTOCOL";

    /// <summary>Where traces (a span per project, step and agent turn, with cost and tokens) and metrics go over OTLP;
    /// <see langword="null"/>: nowhere (the default unless <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set).</summary>
    public Uri? OtlpEndpoint { get; set; } =
        Uri.TryCreate(Environment.GetEnvironmentVariable(OtlpEndpointVariable), UriKind.Absolute, out var otlp) ? otlp : null;

    /// <summary>The OTLP protocol: <c>http/protobuf</c> or <c>grpc</c>. Default <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>, else http/protobuf.</summary>
    public string OtlpProtocol { get; set; } = Environment.GetEnvironmentVariable(OtlpProtocolVariable) is { Length: > 0 } protocol ? protocol : "http/protobuf";

    /// <summary>Run a worker in this process. Default <see langword="true"/> (embedded mode).</summary>
    public bool RunWorker { get; set; } = true;

    /// <summary>Creates the store; default: SQLite at <c>{DataDirectory}/nexus.db</c>.</summary>
    public Func<NexusOptions, IDurableStore>? StoreFactory { get; set; }

    /// <summary>Changes worker options (concurrency, leases).</summary>
    public Action<DurableWorkerOptions>? ConfigureWorker { get; set; }

    /// <summary>Parses a store name (<c>sqlite</c>, <c>postgres</c>/<c>postgresql</c>, any case); <see langword="null"/> when
    /// empty; throws <see cref="ArgumentException"/> naming the choices when unknown.</summary>
    public static NexusStoreKind? ParseStore(string? name) => name?.Trim().ToUpperInvariant() switch
    {
        null or "" => null,
        "SQLITE" => NexusStoreKind.Sqlite,
        "POSTGRES" or "POSTGRESQL" or "PG" => NexusStoreKind.Postgres,
        _ => throw new ArgumentException($"unknown store '{name}': use sqlite or postgres", nameof(name)),
    };

    /// <summary>The store in use: <see cref="Store"/>, else <c>NEXUS_STORE</c>, else SQLite.</summary>
    /// <exception cref="ArgumentException"><c>NEXUS_STORE</c> names no store.</exception>
    public NexusStoreKind ResolveStore()
    {
        try
        {
            return Store ?? ParseStore(Environment.GetEnvironmentVariable(StoreVariable)) ?? NexusStoreKind.Sqlite;
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{StoreVariable}: {e.Message.Split(" (Parameter", 2)[0]}");
        }
    }

    /// <summary>Checks the store settings: PostgreSQL needs a connection string.</summary>
    /// <exception cref="ArgumentException">A setting is missing or invalid; the message says which and how to fix it.</exception>
    public void ValidateStore()
    {
        if (StoreFactory is null && ResolveStore() == NexusStoreKind.Postgres && string.IsNullOrWhiteSpace(Connection))
        {
            throw new ArgumentException(
                $"the postgres store needs a connection string: pass --connection \"Host=…;Username=…;Database=…\" or set {ConnectionVariable}");
        }
    }

    /// <summary>Checks the scratchpad settings: <c>file</c> or <c>blob</c>, and blob needs a connection string.</summary>
    /// <exception cref="ArgumentException">A setting is missing or invalid; the message says which and how to fix it.</exception>
    public void ValidateScratchpads()
    {
        if (!string.Equals(Scratchpads, "file", StringComparison.OrdinalIgnoreCase) && !string.Equals(Scratchpads, "blob", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"unknown scratchpads '{Scratchpads}': use file or blob");
        }

        if (UsesBlobScratchpads && string.IsNullOrWhiteSpace(ScratchpadsConnection))
        {
            throw new ArgumentException(
                $"blob scratchpads need an Azure Storage connection string: pass --scratchpads-connection \"…\" or set {ScratchpadsConnectionVariable}");
        }
    }

    /// <summary>The memory across projects with the SQLite store: <c>{data}/memory.db</c> (FTS5; a file of its own).</summary>
    public string MemoryDatabasePath => Path.Combine(DataPath, "memory.db");

    /// <summary>Whether the scratchpads' Markdown goes to Azure blobs.</summary>
    public bool UsesBlobScratchpads => string.Equals(Scratchpads, "blob", StringComparison.OrdinalIgnoreCase);
}

using System.CommandLine;
using Nexus.Cli.Commands;
using Nexus.Workflows.Hosting;

namespace Nexus.Cli.Setup;

/// <summary>Opens the runtime (the embedded SQLite store in the data directory, or PostgreSQL) the way each command needs it.</summary>
internal static class CliRuntime
{
    /// <summary>How long a stopping worker waits for a running step before it cancels it; the step runs again on resume.</summary>
    private static readonly TimeSpan _shutdownTimeout = TimeSpan.FromSeconds(3);

    /// <summary>The options for this command line: <c>--data</c>, else <c>NEXUS_DATA</c>, else <c>./.nexus</c>.</summary>
    public static NexusOptions Options(ParseResult parseResult, bool runWorker)
    {
        var options = new NexusOptions
        {
            RunWorker = runWorker,
            ConfigureWorker = worker => worker.ShutdownTimeout = _shutdownTimeout,
        };
        if (parseResult.GetValue(CliOptions.Data) is { } data)
        {
            if (string.IsNullOrWhiteSpace(data))
            {
                throw new UsageException("--data needs a directory");
            }

            options.DataDirectory = data;
        }

        if (parseResult.GetValue(CliOptions.Config) is { } config)
        {
            options.AgentConfigPath = string.IsNullOrWhiteSpace(config) ? throw new UsageException("--config needs a file") : config;
        }

        ApplyStore(parseResult, options);
        if (parseResult.GetValue(CliOptions.Unsandboxed))
        {
            options.Unsandboxed = true;
        }

        return options;
    }

    /// <summary><c>--store</c>, <c>--connection</c>, <c>--schema</c> (each else its environment variable).</summary>
    private static void ApplyStore(ParseResult parseResult, NexusOptions options)
    {
        try
        {
            options.Store = NexusOptions.ParseStore(parseResult.GetValue(CliOptions.Store));
        }
        catch (ArgumentException e)
        {
            throw new UsageException("--store: " + e.Message.Split(" (Parameter", 2)[0]);
        }

        try
        {
            if (parseResult.GetValue(CliOptions.Connection) is { } connection)
            {
                options.Connection = string.IsNullOrWhiteSpace(connection) ? throw new UsageException("--connection needs a connection string") : connection;
            }

            if (parseResult.GetValue(CliOptions.Schema) is { } schema)
            {
                options.Schema = schema;
            }

            options.ValidateStore();
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message.Split(" (Parameter", 2)[0]);
        }
    }

    /// <summary>Where the state lives, for messages: the data directory, or the PostgreSQL schema (never the connection string).</summary>
    public static string Describe(NexusOptions options) => options.ResolveStore() == NexusStoreKind.Postgres
        ? $"the postgres store (schema {options.Schema})"
        : options.DataPath;

    /// <summary>Starts the runtime with the in-process worker (run, demo, resume): this process carries the project on.</summary>
    public static Task<NexusRuntime> StartWithWorkerAsync(ParseResult parseResult, CancellationToken cancellationToken = default) =>
        NexusRuntime.StartAsync(Options(parseResult, runWorker: true), cancellationToken);

    /// <summary>Opens the store without a worker (commands that only read or signal, so they work while another process owns
    /// the work); <see langword="null"/> when there is no store yet (nothing has run in this data directory).</summary>
    public static async Task<NexusRuntime?> OpenExistingAsync(ParseResult parseResult, CancellationToken cancellationToken = default)
    {
        var options = Options(parseResult, runWorker: false);
        return options.ResolveStore() == NexusStoreKind.Postgres || File.Exists(DatabasePath(options))
            ? await NexusRuntime.StartAsync(options, cancellationToken)
            : null;
    }

    /// <summary>The SQLite file of the embedded store.</summary>
    public static string DatabasePath(NexusOptions options) => Path.Combine(options.DataPath, "nexus.db");

    /// <summary>The message for an id that is not a project in this data directory.</summary>
    public static string UnknownProject(string id, NexusOptions options) => $"no project with id '{id}' in {Describe(options)}";
}

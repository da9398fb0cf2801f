using System.CommandLine;
using Nexus.Cli.Commands;
using Nexus.Workflows.Hosting;
using Nexus.Hosting;

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
            EnsureUsableDataDirectory(options.DataPath);
        }

        if (parseResult.GetValue(CliOptions.Config) is { } config)
        {
            options.AgentConfigPath = string.IsNullOrWhiteSpace(config) ? throw new UsageException("--config needs a file") : config;
        }

        ApplyStore(parseResult, options);
        ApplyScratchpads(parseResult, options);
        if (parseResult.GetValue(CliOptions.Unsandboxed))
        {
            options.Unsandboxed = true;
        }

        return options;
    }

    // A data directory that is a file, or inside one, or that does not exist and cannot be created, is refused with what
    // is wrong before any command reads "no projects" from it; an existing one that cannot be written is refused when a
    // command writes to it (StartAsync), so that reading a read-only copy still works.
    private static void EnsureUsableDataDirectory(string path)
    {
        if (File.Exists(path))
        {
            throw new UsageException($"--data: '{path}' is a file, not a data directory");
        }

        if (Directory.Exists(path))
        {
            return;
        }

        for (var parent = Path.GetDirectoryName(Path.GetFullPath(path)); parent is not null; parent = Path.GetDirectoryName(parent))
        {
            if (File.Exists(parent))
            {
                throw new UsageException($"--data: '{path}' cannot be a directory: '{parent}' is a file");
            }

            if (Directory.Exists(parent))
            {
                if (!IsWritable(parent))
                {
                    throw new UsageException($"--data: '{path}' does not exist and cannot be created ('{parent}' does not allow new folders)");
                }

                return;
            }
        }
    }

    // Whether this process can create files in the existing directory: tried, because permission bits do not tell (root,
    // read-only mounts, /proc and /sys).
    private static bool IsWritable(string directory)
    {
        try
        {
            using var probe = new FileStream(
                Path.Combine(directory, $".nexus-write-check-{Environment.ProcessId}-{Random.Shared.Next():x}"),
                FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
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

    /// <summary><c>--scratchpads</c>, <c>--scratchpads-connection</c> (each else its environment variable).</summary>
    private static void ApplyScratchpads(ParseResult parseResult, NexusOptions options)
    {
        if (parseResult.GetValue(CliOptions.Scratchpads) is { } pads)
        {
            options.Scratchpads = pads.Trim();
        }

        if (parseResult.GetValue(CliOptions.ScratchpadsConnection) is { } connection)
        {
            options.ScratchpadsConnection = string.IsNullOrWhiteSpace(connection) ? throw new UsageException("--scratchpads-connection needs a connection string") : connection;
        }

        try
        {
            options.ValidateScratchpads();
        }
        catch (ArgumentException e)
        {
            throw new UsageException("--scratchpads: " + e.Message);
        }
    }

    /// <summary>Where the state lives, for messages: the data directory, or the PostgreSQL schema (never the connection string).</summary>
    public static string Describe(NexusOptions options) => options.ResolveStore() == NexusStoreKind.Postgres
        ? $"the postgres store (schema {options.Schema})"
        : options.DataPath;

    /// <summary>Starts the runtime with the in-process worker (run, demo, resume): this process carries the project on.</summary>
    public static Task<NexusRuntime> StartWithWorkerAsync(ParseResult parseResult, CancellationToken cancellationToken = default) =>
        StartAsync(Options(parseResult, runWorker: true), cancellationToken);

    /// <summary>Starts the runtime with <paramref name="options"/>, creating the data directory; one that cannot be created
    /// is a usage error that names it.</summary>
    public static Task<NexusRuntime> StartAsync(NexusOptions options, CancellationToken cancellationToken = default)
    {
        PrepareDataDirectory(options);
        return NexusRuntime.StartAsync(options, cancellationToken);
    }

    /// <summary>Creates the data directory for a command that writes to it; one that cannot be created or written is a
    /// usage error that names it.</summary>
    public static void PrepareDataDirectory(NexusOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        EnsureUsableDataDirectory(options.DataPath);
        try
        {
            Directory.CreateDirectory(options.DataPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The runtime's own words ("Could not find file …") would name the wrong thing.
            throw new UsageException($"--data: cannot create the data directory '{options.DataPath}' ({(e is UnauthorizedAccessException ? "permission denied" : "the system refused it")})", e);
        }

        if (!IsWritable(options.DataPath))
        {
            throw new UsageException($"--data: the data directory '{options.DataPath}' is not writable");
        }
    }

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

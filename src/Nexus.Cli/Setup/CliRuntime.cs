using System.CommandLine;
using Nexus.Cli.Commands;
using Nexus.Workflows.Hosting;

namespace Nexus.Cli.Setup;

/// <summary>Opens the embedded runtime (SQLite store in the data directory) the way each command needs it.</summary>
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

        return options;
    }

    /// <summary>Starts the runtime with the in-process worker (run, demo, resume): this process carries the project on.</summary>
    public static Task<NexusRuntime> StartWithWorkerAsync(ParseResult parseResult, CancellationToken cancellationToken = default) =>
        NexusRuntime.StartAsync(Options(parseResult, runWorker: true), cancellationToken);

    /// <summary>Opens the store without a worker (commands that only read or signal, so they work while another process owns
    /// the work); <see langword="null"/> when there is no store yet (nothing has run in this data directory).</summary>
    public static async Task<NexusRuntime?> OpenExistingAsync(ParseResult parseResult, CancellationToken cancellationToken = default)
    {
        var options = Options(parseResult, runWorker: false);
        return File.Exists(DatabasePath(options)) ? await NexusRuntime.StartAsync(options, cancellationToken) : null;
    }

    /// <summary>The SQLite file of the embedded store.</summary>
    public static string DatabasePath(NexusOptions options) => Path.Combine(options.DataPath, "nexus.db");

    /// <summary>The message for an id that is not a project in this data directory.</summary>
    public static string UnknownProject(string id, NexusOptions options) => $"no project with id '{id}' in {options.DataPath}";
}

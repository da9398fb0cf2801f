using System.CommandLine;
using Nexus.Workflows.Hosting;
using Nexus.Workflows.Model;

namespace Nexus.Cli.Setup;

/// <summary>A project that exists, with the runtime it was read from (disposing this disposes the runtime).</summary>
internal sealed class OpenProject : IAsyncDisposable
{
    private OpenProject(NexusRuntime runtime, ProjectView view)
    {
        Runtime = runtime;
        View = view;
    }

    public NexusRuntime Runtime { get; }

    public ProjectClient Projects => Runtime.Projects;

    public ProjectView View { get; }

    /// <summary>Opens the store and reads project <paramref name="projectId"/>; <see cref="UsageException"/> when there is
    /// no such project (or no store at all: nothing is created for an id that does not exist).</summary>
    public static async Task<OpenProject> OpenAsync(
        ParseResult parseResult, string projectId, bool runWorker, bool includeHistory = false, CancellationToken cancellationToken = default)
    {
        var options = CliRuntime.Options(parseResult, runWorker);
        if (!File.Exists(CliRuntime.DatabasePath(options)))
        {
            throw new UsageException(CliRuntime.UnknownProject(projectId, options));
        }

        var runtime = await NexusRuntime.StartAsync(options, cancellationToken);
        try
        {
            var view = await runtime.Projects.GetAsync(projectId, includeHistory, cancellationToken)
                ?? throw new UsageException(CliRuntime.UnknownProject(projectId, options));
            return new OpenProject(runtime, view);
        }
        catch
        {
            await runtime.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => Runtime.DisposeAsync();
}

using System.CommandLine;
using Nexus.Cli.Projects;
using Nexus.Workflows.Model;
using Nexus.Hosting;

namespace Nexus.Cli.Setup;

/// <summary>A project that exists, with the service it was read from (the local store or a host; disposing this disposes
/// the service).</summary>
internal sealed class OpenProject : IAsyncDisposable
{
    private OpenProject(IProjectService projects, ProjectView view)
    {
        Projects = projects;
        View = view;
    }

    public IProjectService Projects { get; }

    public ProjectView View { get; }

    /// <summary>Reads project <paramref name="projectId"/> where this command line points (<c>--data</c> or
    /// <c>--server</c>); <see cref="UsageException"/> when there is no such project (nothing is created for an id that does
    /// not exist).</summary>
    public static async Task<OpenProject> OpenAsync(ParseResult parseResult, string projectId, bool runWorker, CancellationToken cancellationToken = default)
    {
        var projects = ProjectServices.Open(parseResult, runWorker);
        try
        {
            var view = await projects.GetAsync(projectId, cancellationToken) ?? throw new UsageException(projects.UnknownProject(projectId));
            return new OpenProject(projects, view);
        }
        catch
        {
            await projects.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => Projects.DisposeAsync();
}

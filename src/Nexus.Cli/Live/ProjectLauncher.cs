using System.CommandLine;
using Nexus.Cli.Output;
using Nexus.Cli.Projects;
using Nexus.Cli.Setup;
using Nexus.Durable;
using Nexus.Workflows.Model;
using Nexus.Hosting;

namespace Nexus.Cli.Live;

/// <summary>Starts a project — on the local runtime, with this process as its worker, or on a host (<c>--server</c>) — and
/// follows it to its end.</summary>
internal static class ProjectLauncher
{
    public static async Task<int> StartAndFollowAsync(
        ParseResult parseResult, ProjectRequest request, string? projectId, bool json, string providerReason, CancellationToken cancellationToken = default)
    {
        await using var projects = ProjectServices.Open(parseResult, runWorker: true);

        // Without --provider the agents run on their configured backends: the banner names them, not a guess.
        var provider = request.Provider is null && projects is LocalProjectService configured
            ? $"agents: {AgentRouting.Describe(AgentConfiguration.Load(parseResult, configured.Options).Catalog, request.Model)}"
            : $"provider: {request.Provider ?? "configured"}";
        if (projects is LocalProjectService local && request.Provider == Providers.Replay)
        {
            // A host checks its own scenarios: the project fails there with the reason.
            ScenarioCatalog.Find(local.Options).EnsureExists(request.Scenario ?? ScenarioCatalog.Demo);
        }

        string id;
        try
        {
            id = await projects.StartAsync(request, projectId, cancellationToken);
        }
        catch (InstanceAlreadyExistsException e)
        {
            throw new UsageException(AlreadyExists(e.InstanceId ?? projectId ?? "?", e.RuntimeStatus, projects.SameTarget));
        }
        catch (ArgumentException e)
        {
            throw new UsageException(WithoutParameterName(e));
        }

        var mode = ProjectFollower.ModeFor(json);
        if (mode != OutputMode.Json)
        {
            var scenario = request.Provider == Providers.Replay ? $" (scenario {request.Scenario})" : string.Empty;
            await Console.Out.WriteLineAsync($"project {id} started · {provider}{scenario} — {providerReason}");
            await Console.Out.WriteLineAsync(projects is LocalProjectService here
                ? $"data: {here.Options.DataPath} · sandbox: {SandboxLine(here.Options)} · Ctrl-C to cancel it or leave it to resume later"
                : $"running {projects.Where} · Ctrl-C to cancel it or leave it running there");
        }

        return await new ProjectFollower(projects, mode).FollowAsync(id, cancellationToken);
    }

    /// <summary>What confines this process's agents: the runtime started its worker, so without the opt-out bubblewrap runs.</summary>
    public static string SandboxLine(NexusOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.SandboxMode;
    }

    /// <summary>The one line for a start refused because <paramref name="projectId"/> exists (in <paramref name="status"/>,
    /// when known): a start never replaces a project, so it says how to reuse the id or to pick another.</summary>
    public static string AlreadyExists(string projectId, OrchestrationRuntimeStatus? status, string sameTarget)
    {
        var purge = $"nexus purge {projectId}{sameTarget}";
        var retry = $"nexus retry {projectId}{sameTarget}";
        var restart = $"nexus restart {projectId}{sameTarget}";
        var exists = $"project '{projectId}' already exists";
        const string NeverReplaced = "a start never replaces a project: choose another --id";
        return status switch
        {
            { } s when s.IsActive() =>
                $"{exists} and is {Formats.Status(s)}; {NeverReplaced}, " +
                $"follow it with: nexus resume {projectId}{sameTarget}, or cancel and purge it first (nexus cancel {projectId}{sameTarget}, then {purge})",
            OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated =>
                $"{exists} ({Formats.Status(status.Value)}); {NeverReplaced}, continue it with: {retry}, " +
                $"run it again from the start with: {restart}, or delete it first with: {purge}",
            { } s => $"{exists} ({Formats.Status(s)}); {NeverReplaced}, run it again from the start with: {restart}, or delete it first with: {purge}",
            null =>
                $"{exists}; {NeverReplaced}, continue a failed or terminated one with: {retry}, " +
                $"run a finished one again from the start with: {restart}, or delete it first with: {purge}",
        };
    }

    /// <summary>"x must be y (Parameter 'request')" → "x must be y".</summary>
    public static string WithoutParameterName(ArgumentException e)
    {
        var cut = e.Message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        return cut >= 0 ? e.Message[..cut] : e.Message;
    }
}

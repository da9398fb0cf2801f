using System.CommandLine;
using Nexus.Cli.Setup;
using Nexus.Durable;
using Nexus.Workflows.Model;

namespace Nexus.Cli.Live;

/// <summary>Starts a project on the embedded runtime (with this process as its worker) and follows it to its end.</summary>
internal static class ProjectLauncher
{
    public static async Task<int> StartAndFollowAsync(
        ParseResult parseResult, ProjectRequest request, string? projectId, bool json, string providerReason, CancellationToken cancellationToken = default)
    {
        var options = CliRuntime.Options(parseResult, runWorker: true);
        if (request.Provider == Providers.Replay)
        {
            ScenarioCatalog.Find(options).EnsureExists(request.Scenario ?? ScenarioCatalog.Demo);
        }

        await using var runtime = await CliRuntime.StartWithWorkerAsync(parseResult, cancellationToken);
        string id;
        try
        {
            id = await runtime.Projects.StartAsync(request, projectId, cancellationToken);
        }
        catch (InstanceAlreadyExistsException)
        {
            throw new UsageException($"project '{projectId}' is still running; follow it with: nexus resume {projectId}");
        }
        catch (ArgumentException e)
        {
            throw new UsageException(WithoutParameterName(e));
        }

        var mode = ProjectFollower.ModeFor(json);
        if (mode != OutputMode.Json)
        {
            var scenario = request.Provider == Providers.Replay ? $" (scenario {request.Scenario})" : string.Empty;
            await Console.Out.WriteLineAsync($"project {id} started · provider: {request.Provider ?? "configured"}{scenario} — {providerReason}");
            await Console.Out.WriteLineAsync($"data: {runtime.Options.DataPath} · Ctrl-C to cancel it or leave it to resume later");
        }

        return await new ProjectFollower(runtime, mode).FollowAsync(id, cancellationToken);
    }

    /// <summary>"x must be y (Parameter 'request')" → "x must be y".</summary>
    public static string WithoutParameterName(ArgumentException e)
    {
        var cut = e.Message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        return cut >= 0 ? e.Message[..cut] : e.Message;
    }
}

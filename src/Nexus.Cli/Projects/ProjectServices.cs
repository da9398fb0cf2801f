using System.CommandLine;
using Nexus.Cli.Commands;
using Nexus.Cli.Remote;
using Nexus.Cli.Setup;

namespace Nexus.Cli.Projects;

/// <summary>Chooses where a project command acts: a NEXUS host when <c>--server</c> (else <c>NEXUS_SERVER</c>) says so,
/// otherwise the local store (<c>--data</c>).</summary>
internal static class ProjectServices
{
    /// <summary>The environment variable with the default <c>--server</c>.</summary>
    public const string ServerVariable = "NEXUS_SERVER";

    /// <summary>The environment variable with the default <c>--api-key</c> (the host reads the same one; when it lists
    /// several keys, comma-separated, the first is used).</summary>
    public const string ApiKeyVariable = "NEXUS_API_KEY";

    /// <summary>The service for this command line; <paramref name="runWorker"/> applies to the local store only (this
    /// process then carries the projects on).</summary>
    /// <exception cref="UsageException">A bad URL or key, or <c>--server</c> with <c>--data</c>.</exception>
    public static IProjectService Open(ParseResult parseResult, bool runWorker)
    {
        if (Server(parseResult) is { } server)
        {
            return new RemoteProjectService(new ServerConnection(server, ApiKey(parseResult), TimeProvider.System), TimeProvider.System);
        }

        if (parseResult.GetResult(CliOptions.ApiKey) is not null)
        {
            throw new UsageException($"--api-key only applies with --server URL (or {ServerVariable})");
        }

        return new LocalProjectService(CliRuntime.Options(parseResult, runWorker));
    }

    /// <summary>The host this command line talks to, or <see langword="null"/> for the local store.</summary>
    /// <exception cref="UsageException">The URL is not an absolute http(s) URL, or <c>--server</c> comes with <c>--data</c>.</exception>
    public static Uri? Server(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var explicitData = parseResult.GetResult(CliOptions.Data) is not null;
        if (parseResult.GetResult(CliOptions.Server) is not null)
        {
            if (explicitData)
            {
                throw new UsageException("--server and --data do not go together: the projects are either on a host or in a local data directory");
            }

            if (new[] { CliOptions.Store, CliOptions.Connection, CliOptions.Schema }.FirstOrDefault(o => parseResult.GetResult(o) is not null) is { } store)
            {
                throw new UsageException($"--server and {store.Name} do not go together: the host has its own store");
            }

            return ParseServer(parseResult.GetValue(CliOptions.Server), "--server");
        }

        // An explicit --data is a request for the local store, whatever the environment says.
        return !explicitData && Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } fromEnvironment
            ? ParseServer(fromEnvironment, ServerVariable)
            : null;
    }

    /// <summary>The URL of a host: absolute http or https, without credentials, query or fragment.</summary>
    public static Uri ParseServer(string? text, string source)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new UsageException($"{source} needs a URL, like http://localhost:5000");
        }

        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.Host.Length == 0)
        {
            throw new UsageException($"{source} must be an http:// or https:// URL, like http://localhost:5000, not '{CommandAction.OneLine(text)}'");
        }

        if (uri.UserInfo.Length > 0)
        {
            // Never echoed: it may hold a password.
            throw new UsageException($"{source} must not carry credentials; give the API key with --api-key or {ApiKeyVariable}");
        }

        if (uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            throw new UsageException($"{source} must be the host's base URL, without '?' or '#': {uri.GetLeftPart(UriPartial.Path)}");
        }

        return uri;
    }

    /// <summary>The API key: <c>--api-key</c>, else the first key of <c>NEXUS_API_KEY</c>, else none.</summary>
    private static string? ApiKey(ParseResult parseResult)
    {
        string? key;
        string source;
        if (parseResult.GetResult(CliOptions.ApiKey) is not null)
        {
            key = parseResult.GetValue(CliOptions.ApiKey);
            source = "--api-key";
        }
        else
        {
            key = (Environment.GetEnvironmentVariable(ApiKeyVariable) ?? string.Empty)
                .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
            source = ApiKeyVariable;
            if (key is null)
            {
                return null;
            }
        }

        if (string.IsNullOrWhiteSpace(key))
        {
            throw new UsageException($"{source} needs a value");
        }

        // Only what an HTTP header can carry; the key itself is never part of a message.
        return key.All(c => c is >= '!' and <= '~')
            ? key
            : throw new UsageException($"{source}: the API key has characters an HTTP header cannot carry (use printable ASCII without spaces)");
    }

    /// <summary>The message for an id that is not a project where <paramref name="projects"/> looks.</summary>
    public static string UnknownProject(this IProjectService projects, string projectId)
    {
        ArgumentNullException.ThrowIfNull(projects);
        return $"no project with id '{projectId}' {projects.Where}";
    }
}

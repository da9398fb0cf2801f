using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using Azure;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Functions.Hosting;
using Nexus.Testing;

namespace Nexus.Functions.Tests.Support;

/// <summary>
/// An <see cref="HttpClient"/> handler that does what the Functions host and the worker's ASP.NET Core integration do with
/// a request — route it by the functions' triggers under host.json's route prefix, build an <see cref="HttpContext"/>,
/// bind the <c>HttpRequest</c>, the route values and the Durable client, invoke the function method on an instance made by
/// the app's container, and execute the <see cref="IResult"/> it returns — in process, because the host (<c>func</c>)
/// cannot be installed here. The Durable client is NEXUS's (<see cref="Nexus.Durable.Client.NexusDurableTaskClient"/>),
/// the same abstract <see cref="DurableTaskClient"/> type the Durable extension binds.
/// </summary>
internal sealed partial class FunctionsHttpHandler(IServiceProvider services, DurableTaskClient client) : HttpMessageHandler
{
    private static readonly IReadOnlyList<HttpFunction> Functions = HttpFunction.Discover();
    private static readonly string RoutePrefix = ReadRoutePrefix();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        var path = PathString.FromUriComponent(uri);
        if (!path.StartsWithSegments("/" + RoutePrefix, out var rest) || Match(request.Method.Method, rest) is not { } match)
        {
            return new HttpResponseMessage(HttpStatusCode.NotFound) { RequestMessage = request }; // the Functions host's answer
        }

        await using var scope = services.CreateAsyncScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        http.Request.Method = request.Method.Method;
        http.Request.Scheme = uri.Scheme;
        http.Request.Host = new HostString(uri.Authority);
        http.Request.Path = path;
        http.Request.QueryString = new QueryString(uri.Query);
        foreach (var (name, values) in request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>()))
        {
            http.Request.Headers[name] = values.ToArray();
        }

        if (request.Content is not null)
        {
            http.Request.Body = new MemoryStream(await request.Content.ReadAsByteArrayAsync(cancellationToken));
            http.Request.ContentLength = request.Content.Headers.ContentLength;
        }

        http.Request.RouteValues = match.Values;
        http.RequestAborted = cancellationToken;
        var body = new MemoryStream();
        http.Response.Body = body;

        var instance = match.Function.Method.IsStatic ? null : ActivatorUtilities.CreateInstance(scope.ServiceProvider, match.Function.Method.DeclaringType!);
        var arguments = new object?[match.Function.Method.GetParameters().Length];
        foreach (var parameter in match.Function.Method.GetParameters())
        {
            arguments[parameter.Position] = parameter.GetCustomAttribute<BlobInputAttribute>() is { } blob
                ? await ReadBlobAsync(blob, match.Values, cancellationToken)
                : Bind(parameter, http, match.Values);
        }

        var result = await (Task<IResult>)match.Function.Method.Invoke(instance, arguments)!;
        await result.ExecuteAsync(http);

        var response = new HttpResponseMessage((HttpStatusCode)http.Response.StatusCode) { RequestMessage = request, Content = new ByteArrayContent(body.ToArray()) };
        foreach (var (name, values) in http.Response.Headers)
        {
            if (!response.Headers.TryAddWithoutValidation(name, (IEnumerable<string>)values))
            {
                response.Content.Headers.TryAddWithoutValidation(name, (IEnumerable<string>)values);
            }
        }

        return response;
    }

    private object? Bind(System.Reflection.ParameterInfo parameter, HttpContext http, RouteValueDictionary values) =>
        parameter.ParameterType == typeof(HttpRequest) ? http.Request
        : parameter.ParameterType == typeof(DurableTaskClient) ? client
        : parameter.ParameterType == typeof(string) && values.TryGetValue(parameter.Name!, out var value) ? value?.ToString()
        : throw new InvalidOperationException($"No binding for parameter '{parameter.Name}' of {parameter.Member.Name}.");

    // A [BlobInput] string as the host binds it: the path's {…} filled with the route values, the blob read over the named
    // connection (the app's storage clients: Azurite here), null when it does not exist.
    private async Task<string?> ReadBlobAsync(BlobInputAttribute blob, RouteValueDictionary values, CancellationToken cancellationToken)
    {
        if (blob.Connection != FunctionAppSettings.StorageConnection)
        {
            throw new InvalidOperationException($"Blob input over an unknown connection '{blob.Connection}'.");
        }

        var path = BindingExpression().Replace(blob.BlobPath, m => values[m.Groups[1].Value]?.ToString() ?? throw new InvalidOperationException($"No route value '{m.Groups[1].Value}'."));
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        var client = services.GetRequiredService<StorageClients>().Blobs.GetBlobContainerClient(path[..slash]).GetBlobClient(path[(slash + 1)..]);
        try
        {
            return (await client.DownloadContentAsync(cancellationToken)).Value.Content.ToString();
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    [GeneratedRegex(@"\{([A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex BindingExpression();

    private static (HttpFunction Function, RouteValueDictionary Values)? Match(string verb, PathString path)
    {
        foreach (var function in Functions.Where(f => f.Verbs.Contains(verb)).OrderByDescending(f => f.Literals))
        {
            var values = new RouteValueDictionary();
            if (new TemplateMatcher(function.Route, []).TryMatch(path, values))
            {
                return (function, values);
            }
        }

        return null;
    }

    private static string ReadRoutePrefix()
    {
        using var hostJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "host.json")));
        return hostJson.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString()!;
    }
}

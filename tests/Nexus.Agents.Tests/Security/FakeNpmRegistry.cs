using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Nexus.Agents.Tests.Security;

/// <summary>
/// An npm registry on Kestrel at 127.0.0.1:&lt;free port&gt; speaking what <c>npm audit</c> (npm 10/11, arborist's
/// audit-report) asks: <c>POST /-/npm/v1/security/advisories/bulk</c> with a gzip'd JSON body <c>{"name": ["version"]}</c>,
/// answered with the scripted status and advisories <c>{"name": [{"id", "url", "title", "severity",
/// "vulnerable_versions", "cwe", "cvss"}]}</c>; and <c>GET /name</c>, the package document npm reads to tell whether a fix
/// is available, answered from <see cref="Publish"/> (404 for the rest).
/// </summary>
internal sealed class FakeNpmRegistry : IAsyncDisposable
{
    public const string BulkPath = "/-/npm/v1/security/advisories/bulk";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<BulkRequest> _bulkRequests = new();
    private readonly ConcurrentDictionary<string, (string[] Versions, JsonObject? Dependencies)> _packages = new(StringComparer.Ordinal);

    private FakeNpmRegistry(WebApplication app) => _app = app;

    public Uri BaseUri { get; private set; } = null!;

    /// <summary>The status the bulk endpoint answers with (405: a registry without the audit endpoint).</summary>
    public int BulkStatus { get; set; } = 200;

    /// <summary>The bulk endpoint's answer (advisories by package name); empty: no known vulnerability.</summary>
    public string BulkAnswer { get; set; } = "{}";

    /// <summary>The bulk endpoint never answers (until npm hangs up).</summary>
    public bool BulkHangs { get; set; }

    public IReadOnlyList<BulkRequest> BulkRequests => _bulkRequests.ToArray();

    public static async Task<FakeNpmRegistry> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var registry = new FakeNpmRegistry(app);
        app.Run(registry.HandleAsync);
        await app.StartAsync(cancellationToken);
        registry.BaseUri = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single() + "/");
        return registry;
    }

    /// <summary>One advisory as the bulk endpoint returns it.</summary>
    public static JsonObject Advisory(int id, string title, string severity, string vulnerableVersions) => new()
    {
        ["id"] = id,
        ["url"] = $"https://github.com/advisories/GHSA-test-{id}",
        ["title"] = title,
        ["severity"] = severity,
        ["vulnerable_versions"] = vulnerableVersions,
        ["cwe"] = new JsonArray("CWE-1321"),
        ["cvss"] = new JsonObject { ["score"] = 7.4, ["vectorString"] = "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H" },
    };

    /// <summary>Makes <c>GET /name</c> answer with a package document listing <paramref name="versions"/>, each depending on
    /// <paramref name="dependencies"/> (name → range).</summary>
    public FakeNpmRegistry Publish(string name, string[] versions, JsonObject? dependencies = null)
    {
        _packages[name] = (versions, dependencies);
        return this;
    }

    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stopping.Token);
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        context.Response.ContentType = "application/json";
        if (request.Method == "POST" && request.Path == BulkPath)
        {
            var gzip = request.Headers.ContentEncoding.ToString() == "gzip";
            await using var body = gzip ? new GZipStream(request.Body, CompressionMode.Decompress) : request.Body;
            using var reader = new StreamReader(body, Encoding.UTF8);
            _bulkRequests.Enqueue(new BulkRequest(gzip, JsonNode.Parse(await reader.ReadToEndAsync(context.RequestAborted))!.AsObject()));
            if (BulkHangs)
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
            }

            context.Response.StatusCode = BulkStatus;
            if (BulkStatus == 200)
            {
                await context.Response.WriteAsync(BulkAnswer, context.RequestAborted);
            }

            return;
        }

        var name = Uri.UnescapeDataString(request.Path.Value!.TrimStart('/'));
        if (request.Method != "GET" || !_packages.TryGetValue(name, out var package))
        {
            context.Response.StatusCode = 404;
            await context.Response.WriteAsync("""{"error":"Not found"}""", context.RequestAborted);
            return;
        }

        var document = new JsonObject
        {
            ["name"] = name,
            ["dist-tags"] = new JsonObject { ["latest"] = package.Versions[^1] },
            ["versions"] = new JsonObject(package.Versions.Select(version => KeyValuePair.Create<string, JsonNode?>(version, new JsonObject
            {
                ["name"] = name,
                ["version"] = version,
                ["dependencies"] = package.Dependencies?.DeepClone() ?? new JsonObject(),
                ["dist"] = new JsonObject { ["tarball"] = $"{BaseUri}{name}/-/{name}-{version}.tgz" },
            }))),
        };
        await context.Response.WriteAsync(document.ToJsonString(), context.RequestAborted);
    }
}

/// <summary>One audit request: whether its body was gzip'd, and the versions it asked about by package name.</summary>
internal sealed record BulkRequest(bool Gzipped, JsonObject Packages)
{
    public string Json => Packages.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
}

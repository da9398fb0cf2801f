using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Nexus.Server.Hosting;

/// <summary>The dashboard: the plain HTML/CSS/JavaScript files of <c>Dashboard/</c>, embedded in this assembly and served at
/// <c>/</c> without an API key (the page asks for the key and sends it on its own <c>/api</c> calls).</summary>
/// <remarks>
/// Embedded rather than read from a <c>wwwroot</c> folder so the host serves them wherever it runs from: <c>nexus serve</c>
/// (the CLI assembly), <c>dotnet run --project src/Nexus.Server</c>, or a test. The files change only with a new build,
/// so they are sent with <c>Cache-Control: no-cache</c>: the browser keeps them and revalidates with the ETag / Last-Modified
/// the static-file middleware sets (a 304 costs nothing), and never runs an old dashboard after an upgrade. Every response
/// carries a Content-Security-Policy that allows only this origin: no outside script, style, image or connection.
/// </remarks>
internal static class DashboardFiles
{
    /// <summary>The manifest resource names' prefix (see the <c>EmbeddedResource</c> item in the project file).</summary>
    public const string ResourcePrefix = "Nexus.Server.Dashboard";

    /// <summary>The policy sent with every dashboard file.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; " +
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The embedded files (flat: a file name is its path under <c>/</c>).</summary>
    public static IFileProvider Files { get; } = new EmbeddedFileProvider(typeof(DashboardFiles).Assembly, ResourcePrefix);

    /// <summary>Serves the dashboard (<c>/</c> → <c>index.html</c>) for every path outside <c>/api</c>.</summary>
    public static IApplicationBuilder UseDashboard(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.UseWhen(
            context => !context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase),
            dashboard => dashboard
                .UseDefaultFiles(new DefaultFilesOptions { FileProvider = Files })
                .UseStaticFiles(new StaticFileOptions { FileProvider = Files, OnPrepareResponse = AddHeaders }));
    }

    private static void AddHeaders(StaticFileResponseContext context)
    {
        var headers = context.Context.Response.Headers;
        headers.CacheControl = "no-cache";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers[HeaderNames.XFrameOptions] = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
    }
}
